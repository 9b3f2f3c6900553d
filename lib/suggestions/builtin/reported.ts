/**
 * Reported content: the clause an attribution reports, outside quotation marks. "Smith said (that) the
 * bridge would close." reports "the bridge would close"; "According to the ministry, prices rose." reports
 * "prices rose"; "Prices rose, officials said." reports "Prices rose". The clause runs to its sentence's
 * end (the final stop left out, and the writer's own addition after ", though", ", where"…) or from its
 * start, and is dropped when it holds a direct quotation or is shorter than three words. A quotation
 * wholly inside the clause is a partial quote and stays in it. After "said" any word but a preposition
 * opens the clause; after a verb that also takes a plain object ("told a briefing", "expected a smaller
 * move", "added the third goal") the clause must hold a verb before any "as", "when"… .
 */
import { findQuotations } from "./quotation-marks";
import { findAttributions, SAYING_VERBS, type Attribution } from "./speech";
import { readWords, type Word } from "./words";

/** "after-verb": "X said (that) CLAUSE"; "before-source": "CLAUSE, X said" / "CLAUSE, according to X"; "after-source": "According to X, CLAUSE". */
export type ReportedForm = "after-verb" | "before-source" | "after-source";
export type Reported = { start: number; end: number; attribution: Attribution; that: boolean; form: ReportedForm };

const CLAUSE_OPENERS = new Set("the a an it he she they we there his her their its this these those i you our".split(" "));
const END_MARKS = /^[.!?…”"’)]$/;
const STOPS = /^[.!?…]$/;

export function findReported(text: string): Reported[] {
  const { words, sentences } = readWords(text);
  const quotations = findQuotations(text);
  const found: Reported[] = [];
  for (const attribution of findAttributions(text)) {
    const verb = words[attribution.verb]!;
    const [first, last] = sentences[verb.sentence]!;
    let clause: [number, number] | null = null;
    let form: ReportedForm = "before-source";
    let that = false;
    if (attribution.verbText === "according to") {
      const afterSpeaker = wordAfter(words, attribution.speaker.end);
      if (afterSpeaker !== null && words[afterSpeaker]?.text === "," && attribution.verb === first)
        [clause, form] = [[afterSpeaker + 1, last], "after-source"];
      else if (words[attribution.verb - 1]?.text === ",") clause = [first, attribution.verb - 1];
    } else if (attribution.before) {
      // The subject's words: "she" in "…, she said" (her name is earlier), "the" of "…, the Agency said".
      let start = wordAt(words, attribution.subject);
      if (start !== null && start > first && words[start - 1]!.lower === "the") start -= 1;
      // "Prices rose, officials said."
      if (start !== null && start > first && words[start - 1]!.text === "," && endsAfter(words, attribution.verb + 1, last))
        clause = [first, start - 1];
      else {
        let at = attribution.verb + 1;
        // "told reporters that", "told the BBC on Monday that"
        if (attribution.verbText === "told" || attribution.verbText.startsWith("tell")) at = afterObject(words, at, last);
        const thatAt = thatAfterPhrase(words, at, last);
        if (thatAt !== null) [clause, that, form] = [[thatAt + 1, last], true, "after-verb"];
        // "Prosecutors said Varga had…", "Police said nine people…": after a verb of saying, a word that
        // cannot start a phrase of its own starts the reported clause; other verbs need a verb in it
        // ("markets expected a smaller move" asserts no clause).
        else if (startsClause(words, at) && (LOOSE_SAYING.has(attribution.verbText) || hasVerb(words, at, last)))
          [clause, form] = [[at, last], "after-verb"];
      }
    } else if (words[attribution.verb - 1]?.text === "," && endsAfter(words, wordAfter(words, attribution.speaker.end) ?? last, last)) {
      // "Prices rose, said Smith." (after a quotation this is the quote's attribution instead).
      clause = [first, attribution.verb - 1];
    }
    if (!clause) continue;
    const from = clause[0];
    let to = clause[1];
    // "…, though his agent has…", "…, where fans waited…": after a comma, these open the writer's own addition.
    if (form !== "before-source")
      for (let at = from + 3; at < to - 1; at++)
        if (words[at]!.text === "," && WRITERS_ADDITION.has(words[at + 1]!.lower)) {
          to = at;
          break;
        }
    // A sentence the tokenizer ran on past its stop into an emoji or a symbol ("… is final. 👩‍💻"): the clause
    // ends at the stop.
    for (let at = from; at < to - 1; at++)
      if (STOPS.test(words[at]!.text) && words.slice(at + 1, to).every((word) => !/[\p{L}\p{N}]/u.test(word.text))) {
        to = at;
        break;
      }
    while (to > from && STOPS.test(words[to - 1]!.text)) to--;
    if (to - from < 3) continue;
    const start = words[from]!.start;
    const end = words[to - 1]!.end;
    // A quotation inside the clause is a partial quote of reported speech; one across its edge means the
    // clause is really a direct quotation's, which the quotes suggester has.
    const crosses = (quotation: { start: number; end: number }) =>
      quotation.start < end && start < quotation.end && !(start <= quotation.start && quotation.end <= end);
    if (quotations.some(crosses) || /^[“"«]/.test(text.slice(start, end))) continue;
    found.push({ start, end, attribution, that, form });
  }
  return found;
}

/** Words that start a phrase, not a clause, right after a verb of saying: "said on Monday", "said in a statement". */
const NOT_OPENERS = new Set(
  "on in at for to with by during after before from as of about over under into through without while when if so and or but than also".split(
    " ",
  ),
);
const WRITERS_ADDITION = new Set(["though", "although", "whereas", "where", "meaning"]);
/**
 * Verbs of saying whose next words are the reported clause whatever they are; "told" and "added" also
 * take an object ("told a news conference", "added the third goal"), so their clause needs a verb.
 */
const LOOSE_SAYING = new Set([...SAYING_VERBS].filter((verb) => !/^(told|tells?|added|adds)$/.test(verb)));
const SUBORDINATORS = new Set(["as", "when", "because", "while", "after", "before", "if", "until", "since"]);
const AUXILIARIES = new Set(
  "is are was were be been being has have had will would could can may might should must shall do does did to".split(" "),
);

/** Whether word `at` can open a reported clause; "at least 40 homes…", "about 300 people…" do, as a figure's hedge. */
const startsClause = (words: Word[], at: number) => {
  const word = words[at];
  if (!word) return false;
  if (CLAUSE_OPENERS.has(word.lower)) return true;
  if (!/^[\p{L}\p{N}]/u.test(word.text)) return false;
  return !NOT_OPENERS.has(word.lower) || /^(least|most|\d[\d,.]*)$/.test(words[at + 1]?.lower ?? "");
};

/** Whether a clause's first words hold a verb: an auxiliary, an infinitive's "to" or a past form. */
function hasVerb(words: Word[], from: number, last: number): boolean {
  // Before a subordinator: a verb after it belongs to another clause ("showed no emotion as the judge passed sentence").
  for (let at = from; at < Math.min(last, from + 10); at++) {
    const word = words[at]!.lower;
    if (SUBORDINATORS.has(word)) return false;
    if (AUXILIARIES.has(word) || (/^[a-z]{3,}ed$/.test(word) && at > from)) return true;
  }
  return false;
}

/** "said in a statement that", "said on Monday that": the "that" after a short phrase, or null. */
function thatAfterPhrase(words: Word[], from: number, last: number): number | null {
  if (words[from]?.lower === "that") return from;
  if (!words[from] || !NOT_OPENERS.has(words[from]!.lower)) return null;
  for (let at = from + 1; at < Math.min(last, from + 6); at++) {
    if (words[at]!.lower === "that") return at;
    if (!/^[\p{L}\p{N}]/u.test(words[at]!.text)) return null;
  }
  return null;
}

/** After the one told: "told reporters", "told the BBC", "told Sky News on Monday". */
function afterObject(words: Word[], from: number, last: number): number {
  const stop = Math.min(last, from + 6);
  for (let at = from; at < stop; at++) if (words[at]!.lower === "that") return at;
  let at = from;
  if (words[at]?.lower === "the" && /^\p{Lu}/u.test(words[at + 1]?.text ?? "")) at++;
  if (/^\p{Lu}/u.test(words[at]?.text ?? "")) while (at < last && /^\p{Lu}/u.test(words[at]!.text)) at++;
  else if (words[at] && !CLAUSE_OPENERS.has(words[at]!.lower)) at++;
  return at;
}

function wordAt(words: Word[], offset: number): number | null {
  const index = words.findIndex((word) => word.start === offset);
  return index === -1 ? null : index;
}

function wordAfter(words: Word[], offset: number): number | null {
  const index = words.findIndex((word) => word.start >= offset);
  return index === -1 ? null : index;
}

/** Whether the sentence ends soon after word `from`: at most a short tail ("on Monday", "in a statement"). */
function endsAfter(words: Word[], from: number, last: number): boolean {
  const tail = words.slice(from, last).filter((word) => !END_MARKS.test(word.text));
  return tail.length <= 4 && !tail.some((word) => word.lower === "that" || /^[“"«]$/.test(word.text));
}
