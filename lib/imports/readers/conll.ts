/**
 * CoNLL-2003 named-entity files (and the common two-column `token<TAB>TAG` ones): one token per line, the
 * columns separated by tabs when the line has one and by spaces otherwise, the token first and its entity
 * tag in the last column; a blank line ends a sentence and a `-DOCSTART-` line starts a document. Lines
 * starting with "#" are comments and ignored, except Margin's multi-column `# columns: token actor claim …`,
 * which says that every column after the token is a tag column (each read on its own, so overlapping
 * tags survive); without it only the last column is read (CoNLL-2003's second and third columns hold POS
 * and chunk tags, whose B-NP would look like entities).
 *
 * Tags: `O`; IOB2 (`B-` starts an entity), IOB1 (an `I-` after O or another label starts one too), BIOES
 * and BILOU (`S-`/`U-` a one-token entity, `E-`/`L-` its last token) and bare labels (the IO scheme: a run
 * of one label is one entity). An `I-` opening a sentence continues the entity of that label that ended
 * the previous sentence, as Margin's multi-column export writes a quote of several sentences; files in
 * IOB2 never do that, so nothing changes for them.
 *
 * CoNLL keeps no whitespace, so the text is rebuilt, always the same way: tokens joined by one space, but
 * none before , . ; : ! ? % ) ] } ” ’ » or a clitic ('s n't 're …) and none after ( [ { “ ‘ « (a straight
 * " opens and closes by turns); sentences joined by "\n". Spans are the tokens' offsets in that text, in
 * code points. An import from CoNLL therefore creates new articles from the tokens: the same words and
 * labels as the original, not its exact spacing.
 */
import type { ForeignDocument, ForeignFile, ForeignProblem, ForeignReadResult, ForeignSpan } from "@/lib/imports/foreign-document";

type Row = { token: string; tags: string[]; line: number };
type Sentence = Row[];
type RawDocument = { label: string; sentences: Sentence[]; columns: string[] | null };

const STRICT_TAG = /^(?:O|[BIESLU]-\S+)$/;
const NO_SPACE_BEFORE = /^(?:[,.;:!?%)\]}”’»]|\.\.\.|…|'s|'re|'ll|'ve|'d|'m|n't|’s|’re|’ll|’ve|’d|’m|n’t)$/i;
const NO_SPACE_AFTER = /^[([{“‘«]$/;

/** The text of a document rebuilt from its tokens, with each token's code-point offsets. */
export function joinTokens(sentences: string[][]): { text: string; offsets: [number, number][][] } {
  let text = "";
  let length = 0;
  const offsets = sentences.map((sentence, index) => {
    if (index > 0) {
      text += "\n";
      length++;
    }
    let openStraight = false;
    let glue = true;
    return sentence.map((token) => {
      const straight = token === '"';
      const closing = NO_SPACE_BEFORE.test(token) || (straight && openStraight);
      if (!glue && !closing) {
        text += " ";
        length++;
      }
      const start = length;
      text += token;
      length += Array.from(token).length;
      glue = NO_SPACE_AFTER.test(token) || (straight && !openStraight);
      if (straight) openStraight = !openStraight;
      return [start, length] as [number, number];
    });
  });
  return { text, offsets };
}

function split(file: ForeignFile, text: string, problems: ForeignProblem[]): RawDocument[] {
  const documents: RawDocument[] = [];
  let current: RawDocument | null = null;
  let sentence: Sentence = [];
  let columns: string[] | null = null;
  const endSentence = () => {
    if (sentence.length)
      (current ??= { label: `${file.name} document ${documents.length + 1}`, sentences: [], columns }).sentences.push(sentence);
    if (current && !documents.includes(current)) documents.push(current);
    sentence = [];
  };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const fields = (raw.includes("\t") ? raw.split("\t") : raw.trim().split(/\s+/)).map((field) => field.trim());
    if (raw.trim() === "") return endSentence();
    if (fields[0] === "-DOCSTART-") {
      endSentence();
      current = { label: `${file.name} document ${documents.length + 1}`, sentences: [], columns };
      documents.push(current);
      return;
    }
    if (raw.startsWith("#")) {
      const declared = /^#\s*columns:\s*(.+)$/.exec(raw);
      if (declared) {
        columns = declared[1]!.trim().split(/\s+/).slice(1);
        if (current) current.columns = columns;
      }
      const article = /^#\s*article:\s*(.+)$/.exec(raw);
      if (article && current) current.label = `${file.name} article ${article[1]!.trim()}`;
      return;
    }
    if (fields.length < 2 || fields[0] === "") {
      problems.push({ label: `${file.name} line ${line}`, error: `expected a token and its tag, got "${raw.slice(0, 60)}"` });
      return;
    }
    const tags = columns && fields.length === columns.length + 1 ? fields.slice(1) : [fields.at(-1)!];
    sentence.push({ token: fields[0]!, tags, line });
  });
  endSentence();
  return documents.filter((document) => document.sentences.length > 0);
}

type Open = { label: string; start: number; end: number; sentence: number };

/** The entities of one tag column, as [label, first token, last token + 1] over the document's token list. */
function decodeColumn(rows: Row[][], column: number, file: ForeignFile, problems: ForeignProblem[]): [string, number, number][] {
  const entities: [string, number, number][] = [];
  let open: Open | null = null;
  let index = 0;
  const close = () => {
    if (open) entities.push([open.label, open.start, open.end]);
    open = null;
  };
  rows.forEach((sentence, sentenceIndex) => {
    const carried: Open | null = open;
    open = null;
    sentence.forEach((row, position) => {
      const tag = row.tags[column] ?? "O";
      const match = /^([BIESLU])-(.+)$/.exec(tag);
      const prefix = tag === "O" ? "O" : (match?.[1] ?? "I");
      const label = match?.[2] ?? tag;
      if (tag !== "O" && !match && /^[BIESLU]-$/.test(tag))
        problems.push({ label: `${file.name} line ${row.line}`, error: `tag "${tag}" names no label` });
      if (position === 0 && carried) {
        // An I- opening a sentence continues its label's entity from the previous sentence.
        if ((prefix === "I" || prefix === "E" || prefix === "L") && carried.label === label) open = carried;
        else entities.push([carried.label, carried.start, carried.end]);
      }
      if (prefix === "O") close();
      else if (prefix === "B" || prefix === "S" || prefix === "U" || !open || open.label !== label) {
        close();
        open = { label, start: index, end: index + 1, sentence: sentenceIndex };
      } else open.end = index + 1;
      if (prefix === "S" || prefix === "U" || prefix === "E" || prefix === "L") close();
      index++;
    });
    if (sentence.length === 0 && carried) open = carried;
  });
  close();
  return entities;
}

export function readConll(file: ForeignFile): ForeignReadResult {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(file.bytes);
  } catch {
    return { documents: [], problems: [{ label: file.name, error: "is not UTF-8 text" }] };
  }
  const problems: ForeignProblem[] = [];
  const raw = split(file, text, problems);
  const rows = raw.flatMap((document) => document.sentences.flat());
  if (rows.length === 0 || !rows.some((row) => row.tags.some((tag) => STRICT_TAG.test(tag)))) {
    return {
      documents: [],
      problems: [
        { label: file.name, error: "is not CoNLL: expected one token per line with its entity tag (O, B-PER, I-PER…) in the last column" },
      ],
    };
  }
  const documents = raw.map((document): ForeignDocument => {
    const { text: rebuilt, offsets } = joinTokens(document.sentences.map((sentence) => sentence.map((row) => row.token)));
    const flat = offsets.flat();
    const columnCount = Math.max(...document.sentences.flat().map((row) => row.tags.length));
    const points = Array.from(rebuilt);
    const spans: ForeignSpan[] = [];
    for (let column = 0; column < columnCount; column++) {
      for (const [label, first, last] of decodeColumn(document.sentences, column, file, problems)) {
        const start = flat[first]![0];
        const end = flat[last - 1]![1];
        spans.push({ id: `${column + 1}:${first + 1}`, label, start, end, quote: points.slice(start, end).join("") });
      }
    }
    return { label: document.label, text: rebuilt, unit: "codepoint", metadata: {}, spans, links: [] };
  });
  return { documents, problems };
}
