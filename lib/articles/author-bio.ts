/**
 * Author bios: the short paragraph a page puts after the article, "Jane Doe is a senior reporter at the
 * Ledger covering housing." or "Jane Doe covers transport for the Ledger. Reach her at jane@ledger.example."
 * An article may well end on a sentence about a person's job ("Imani Osei is a former reporter who now runs
 * the shelter."), so a bio needs two signs: a name opening a journalist's job or beat, and either a beat
 * after the job, a way to reach the author, or the byline's name. Where it may stand (the end) is decided by
 * the caller.
 */

const NAME_PARTICLE = String.raw`(?:van|von|de|da|del|der|di|du|la|le|bin|al|ten|ter|dos|das)`;
const NAME_WORD = String.raw`\p{Lu}[\p{L}'’.-]*`;
const NAME = String.raw`(${NAME_WORD}(?:\s+(?:${NAME_PARTICLE}\s+)*${NAME_WORD}){1,3})`;
const JOB = String.raw`(?:reporter|correspondent|journalist|writer|editor|columnist|contributor|photographer|photojournalist|producer|bureau chief|critic|data journalist|fact-checker)`;

/** "Jane Doe is a senior reporter at …": the job may carry a few words before it, never "former" or "late". */
const IS_JOB = new RegExp(String.raw`^${NAME}\s+is\s+(?:a|an|the|our)\s+((?:[\p{L}'’-]+\s+){0,4}?)${JOB}s?(?!\p{L})`, "u");
/** "Jane Doe covers …", "Jane Doe reports on …", "Jane Doe writes about …". */
const COVERS = new RegExp(String.raw`^${NAME}\s+(?:covers|reports on|writes about|has covered|has reported on)(?!\p{L})`, "u");
const BEAT = /(?:covering|covers|reporting on|reports on|writing about|writes about|who covers)(?!\p{L})/u;
const CONTACT =
  /(?:(?:reach|contact|e-?mail|follow|write to)\s+(?:her|him|them|me|us)?\s*(?:at|on|via)(?!\p{L})|[\w.+-]+@[\w-]+\.[\w.]+|(?:^|\s)@\w{2,})/iu;
const PAST_JOB = /(?:former|retired|late|ex-)/iu;

const MAX_WORDS = 80;
/** Past this a paragraph is no bio, and the patterns are never run over a long text. */
const MAX_LENGTH = 800;

/** `bylineNames` are the names of the article's byline, when it has one ("By Jane Doe" gives Jane, Doe). */
export function isAuthorBio(paragraph: string, bylineNames: string[] = []): boolean {
  if (paragraph.length > MAX_LENGTH || paragraph.includes("\n") || paragraph.split(/\s+/).length > MAX_WORDS) return false;
  const job = IS_JOB.exec(paragraph);
  const covers = COVERS.exec(paragraph);
  const name = job?.[1] ?? covers?.[1];
  if (!name || (job && PAST_JOB.test(job[2]!))) return false;
  const surname = name.split(/\s+/).at(-1)!;
  const namedInByline = bylineNames.some((bylineName) => bylineName.toLowerCase() === surname.toLowerCase());
  const beatAfterJob = job !== null && BEAT.test(paragraph.slice(job[0].length));
  return namedInByline || beatAfterJob || CONTACT.test(paragraph);
}
