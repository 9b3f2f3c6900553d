/**
 * brat standoff (https://brat.nlplab.org/standoff.html): each document is a `X.txt` (UTF-8) with a `X.ann`
 * of the same base name, given as files or inside a `.zip` (a brat collection folder zipped). Offsets count
 * the .txt's characters as Python reads them: code points, end exclusive.
 *
 * What is read from a `.ann`, line by line:
 * - `T` text-bound: one span. Its text column is what brat saw under the offsets; when the .txt's slice
 *   differs (a tool that counted UTF-16 or bytes, an edited .txt), the span keeps the text column as its
 *   quote and the anchoring step places it by that. A discontinuous span (`0 5;9 12`) becomes one span from
 *   its first start to its last end, quoted by the .txt over that range, and each is reported: Margin's tags
 *   are continuous.
 * - `R` relations (`Arg1:T3 Arg2:T1`): a link from Arg1 to Arg2 under the relation's type.
 * - `A`/`M` attributes: kept when the name is one of Margin's (canonicalName, kind, direct, value, unit,
 *   approximate; a binary attribute is `true`, "value" a number); any other name is reported, not kept.
 * - `#` notes (AnnotatorNotes): the span's note, except lines `canonical name: …`, `value: …`, `unit: …` and
 *   `actor record: <id> (<name>)` (the name, as a canonical name when the tag has none),
 *   which carry the attributes brat's fixed-value attributes cannot (Margin's brat export writes them so).
 * - An attribute that is not Margin's is reported once per name and file with the number of tags that had
 *   it (Margin's own export writes each tag's review `status`, which an import does not keep: its tags
 *   arrive pending).
 * - `E` events, `N` normalizations and `*` equivalences have no place in Margin: each is reported.
 * Ignored without a word: blank lines, `annotation.conf`/`visual.conf`/`tools.conf`/`kb_shortcuts.conf` and
 * macOS's `__MACOSX/` and `.DS_Store` in a zip. A `.txt` without its `.ann` (or the other way round), a zip
 * entry whose path leaves the archive (`..`, absolute) and a zip larger than 100 MB uncompressed are refused
 * with a problem naming them.
 */
import { unzipSync } from "fflate";
import {
  MARGIN_ATTRIBUTES,
  type ForeignDocument,
  type ForeignFile,
  type ForeignLink,
  type ForeignProblem,
  type ForeignReadResult,
  type ForeignSpan,
} from "@/lib/imports/foreign-document";

/**
 * The most a zip may unpack to. Checking the entries' declared sizes is enough: fflate unpacks no more than
 * an entry declares (a header that lies gets a truncated entry, not a flood), and what it gave is summed too.
 */
export const BRAT_ZIP_LIMIT = 100 * 1024 * 1024;
const CONFIGURATION = new Set(["annotation.conf", "visual.conf", "tools.conf", "kb_shortcuts.conf"]);

type Entry = { name: string; bytes: Uint8Array };

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function unzip(file: ForeignFile, problems: ForeignProblem[]): Entry[] {
  let declared = 0;
  let unsafe: string | null = null;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(file.bytes, {
      filter: (info) => {
        if (info.name.endsWith("/")) return false;
        if (info.name.startsWith("/") || /^[A-Za-z]:/.test(info.name) || info.name.split(/[\\/]/).includes("..")) unsafe ??= info.name;
        declared += info.originalSize;
        return unsafe === null && declared <= BRAT_ZIP_LIMIT;
      },
    });
  } catch (error) {
    problems.push({ label: file.name, error: `not a readable zip (${error instanceof Error ? error.message : String(error)})` });
    return [];
  }
  if (unsafe !== null) {
    problems.push({ label: file.name, error: `zip entry "${unsafe}" points outside the archive; the zip was refused` });
    return [];
  }
  const total = Object.values(entries).reduce((sum, bytes) => sum + bytes.length, 0);
  if (declared > BRAT_ZIP_LIMIT || total > BRAT_ZIP_LIMIT) {
    problems.push({ label: file.name, error: `the zip unpacks to more than ${BRAT_ZIP_LIMIT / 1024 / 1024} MB; it was refused` });
    return [];
  }
  return Object.entries(entries)
    .filter(([name]) => !name.startsWith("__MACOSX/") && lastSegment(name) !== ".DS_Store")
    .map(([name, bytes]) => ({ name: `${file.name}/${name}`, bytes }));
}

function decode(entry: Entry, problems: ForeignProblem[]): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(entry.bytes);
  } catch {
    problems.push({ label: entry.name, error: "is not UTF-8 text (brat files are UTF-8)" });
    return null;
  }
}

function attributeValue(name: string, value: string | undefined): unknown {
  if (value === undefined) return true;
  if (name === "value") return Number.isFinite(Number(value)) ? Number(value) : value;
  if (name === "direct" || name === "approximate") return value === "true" ? true : value === "false" ? false : value;
  return value;
}

/** One `.ann` over its `.txt`: spans, links and the problems of its lines. */
export function parseAnnotations(label: string, text: string, ann: string): { document: ForeignDocument; problems: ForeignProblem[] } {
  const points = Array.from(text);
  const problems: ForeignProblem[] = [];
  const spans = new Map<string, ForeignSpan>();
  const links: ForeignLink[] = [];
  const at = (line: number, error: string) => problems.push({ label: `${label}.ann line ${line}`, error });
  const later: { line: number; run: () => void }[] = [];
  let unrecognized = 0;
  let lines = 0;
  const foreignAttributes = new Map<string, number>();

  ann.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    lines++;
    const [id = "", fields = "", ...rest] = raw.split("\t");
    const kind = id[0];
    if (kind === "T") {
      const match = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(fields);
      if (!match) return at(line, `${id}: expected "${id}<TAB>Type START END<TAB>text", got "${raw}"`);
      const pieces = match[2]!.split(";").map((piece) => piece.split(" ").map(Number) as [number, number]);
      const start = pieces[0]![0];
      const end = pieces.at(-1)![1];
      const column = rest.join("\t");
      if (pieces.some(([s, e]) => s > e) || start > end) return at(line, `${id}: offsets ${match[2]} do not make a range`);
      const inText = end <= points.length;
      const slice = inText ? points.slice(start, end).join("") : null;
      const span: ForeignSpan = { id, label: match[1]! };
      if (pieces.length > 1) {
        if (!inText) return at(line, `${id}: offsets ${match[2]} fall outside ${label}.txt (${points.length} characters)`);
        Object.assign(span, { start, end, quote: slice! });
        at(line, `${id}: a discontinuous span (${match[2]}) was imported as one span from ${start} to ${end}`);
      } else if (slice !== null && (column === "" || slice === column)) {
        Object.assign(span, { start, end, quote: slice });
      } else if (column !== "") {
        // Offsets that do not give the text column (another unit, an edited .txt): the quote places it.
        Object.assign(span, inText ? { start, end, quote: column } : { quote: column });
      } else {
        return at(line, `${id}: offsets ${match[2]} fall outside ${label}.txt (${points.length} characters)`);
      }
      if (spans.has(id)) return at(line, `${id}: the id is used twice`);
      spans.set(id, span);
    } else if (kind === "R") {
      const match = /^(\S+) \S+?:(\S+) \S+?:(\S+)$/.exec(fields);
      if (!match) return at(line, `${id}: expected "${id}<TAB>Type Arg1:T1 Arg2:T2", got "${raw}"`);
      later.push({
        line,
        run: () => {
          const missing = [match[2]!, match[3]!].filter((target) => !spans.has(target));
          if (missing.length) return at(line, `${id}: names ${missing.join(" and ")}, which this .ann does not define as text-bound`);
          links.push({ from: match[2]!, to: match[3]!, type: match[1]! });
        },
      });
    } else if (kind === "A" || kind === "M") {
      const [name, target, value] = fields.split(" ");
      if (!name || !target) return at(line, `${id}: expected "${id}<TAB>Name T1 [value]", got "${raw}"`);
      later.push({
        line,
        run: () => {
          const span = spans.get(target);
          if (!span) return at(line, `${id}: names ${target}, which this .ann does not define as text-bound`);
          if (!MARGIN_ATTRIBUTES.has(name)) return void foreignAttributes.set(name, (foreignAttributes.get(name) ?? 0) + 1);
          span.attributes = { ...span.attributes, [name]: attributeValue(name, value) };
        },
      });
    } else if (kind === "#") {
      const target = fields.split(" ")[1];
      const note = rest.join("\t");
      later.push({
        line,
        run: () => {
          const span = target ? spans.get(target) : undefined;
          if (!span) return at(line, `${id}: a note on ${target ?? "nothing"}, which this .ann does not define as text-bound`);
          const fact = /^(canonical name|value|unit): (.+)$/.exec(note);
          // Margin's own line for the record a tag counted for: another project's id, but its name links the
          // tag to this project's record as a canonical name would (unless the tag has one).
          const record = /^actor record: \S+ \((.+)\)$/.exec(note);
          if (record) span.attributes = { canonicalName: record[1], ...span.attributes };
          else if (fact) {
            const name = fact[1] === "canonical name" ? "canonicalName" : fact[1]!;
            span.attributes = { ...span.attributes, [name]: attributeValue(name, fact[2]) };
          } else span.note = span.note ? `${span.note}\n${note}` : note;
        },
      });
    } else if (kind === "E" || kind === "N" || kind === "*") {
      const what = kind === "E" ? "an event" : kind === "N" ? "a normalization" : "an equivalence";
      at(line, `${id}: ${what}; Margin has no place for it, so it was not imported`);
    } else {
      unrecognized++;
      at(line, `expected an annotation line starting with T, R, A, M, #, E, N or *, got "${raw.slice(0, 60)}"`);
    }
  });
  for (const step of later) step.run();
  for (const [name, count] of foreignAttributes)
    problems.push({
      label: `${label}.ann`,
      error:
        name === "status"
          ? `the review status of ${count} tag${count === 1 ? "" : "s"} not imported: imported tags arrive pending`
          : `attribute "${name}" (on ${count} tag${count === 1 ? "" : "s"}) is not one of Margin's (${[...MARGIN_ATTRIBUTES].join(", ")}); not imported`,
    });
  // A file none of whose lines is an annotation is not a .ann at all: one problem says so, not one per line.
  if (lines > 0 && unrecognized === lines) {
    problems.length = 0;
    problems.push({ label: `${label}.ann`, error: 'is not brat standoff: expected lines such as "T1<TAB>Person 0 5<TAB>Japan"' });
  }
  const document: ForeignDocument = { label, text, unit: "codepoint", metadata: {}, spans: [...spans.values()], links };
  return { document, problems };
}

export function readBrat(files: ForeignFile[]): ForeignReadResult {
  const problems: ForeignProblem[] = [];
  const entries: Entry[] = [];
  for (const file of files) {
    const isZip = /\.zip$/i.test(file.name) || (file.bytes[0] === 0x50 && file.bytes[1] === 0x4b);
    if (isZip) entries.push(...unzip(file, problems));
    else entries.push({ name: file.name, bytes: file.bytes });
  }
  const pairs = new Map<string, { txt?: Entry; ann?: Entry }>();
  for (const entry of entries) {
    if (CONFIGURATION.has(lastSegment(entry.name))) continue;
    const match = /^(.*)\.(txt|ann)$/i.exec(entry.name);
    if (!match) {
      problems.push({ label: entry.name, error: "is not a brat file (expected X.txt with X.ann, or a .zip of them)" });
      continue;
    }
    const pair = pairs.get(match[1]!) ?? {};
    pair[match[2]!.toLowerCase() as "txt" | "ann"] = entry;
    pairs.set(match[1]!, pair);
  }
  const documents: ForeignDocument[] = [];
  for (const [base, { txt, ann }] of pairs) {
    if (!txt || !ann) {
      problems.push({
        label: (txt ?? ann)!.name,
        error: `has no ${base}.${txt ? "ann" : "txt"} beside it; brat keeps a document's text and annotations as a pair`,
      });
      continue;
    }
    const text = decode(txt, problems);
    const annotations = decode(ann, problems);
    if (text === null || annotations === null) continue;
    const read = parseAnnotations(base, text, annotations);
    documents.push(read.document);
    problems.push(...read.problems);
  }
  return { documents, problems };
}
