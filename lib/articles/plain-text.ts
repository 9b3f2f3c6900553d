/**
 * Paragraphs of plain text as it really arrives. Blank lines always separate paragraphs; inside a block of
 * lines without blank lines, two layouts are told apart:
 *
 * - **one paragraph per line** (scrapers, copies from web pages): lines long and ending like sentences.
 *   Each line becomes a paragraph.
 * - **hard-wrapped** (wire copy, e-mail at 60-80 columns): lines broken only where the next word would not
 *   have fitted, mostly mid-sentence, the next line going on in lower case. The lines of a paragraph are
 *   joined with a space (none after a word's hyphen, where wrappers break "well-known"), and a line that
 *   stops short although the next word would have fitted ends its paragraph.
 *
 * Anything else (poetry, addresses, lists, a headline over its byline, lines of mixed kinds) is left as it
 * is: a single "\n" inside a paragraph stays a line break. Precision first: a block is only re-laid when
 * every sign agrees, because the canonical text (and every offset into it) follows from this choice. The
 * function is pure, so a preview and a save of the same source lay it out the same way.
 */
import { paragraphsOf } from "./canonical-text";

export type BlockLayout = "one-per-line" | "hard-wrapped" | "as-is";

/** Shorter lines carry no sign of either layout (headlines, "Image", reaction words, short sentences). */
const LONG_LINE = 60;
/** Wrap widths seen in the wild (60-80) with margin on both sides; a longer line was never wrapped. */
const MIN_WRAP = 50;
const MAX_WRAP = 100;

/** A sentence's end, possibly inside closing quotation marks or brackets: `done.”`, `(2024).`, `why?’` */
const SENTENCE_END = /[.!?…:][\p{Pf}"'’”)\]]*$/u;

const length = (line: string) => [...line].length;
// A loop, not Math.max(...lines): a block may hold more lines than a call takes arguments.
const widest = (lines: string[]) => lines.reduce((most, line) => Math.max(most, length(line)), 0);
const firstWord = (line: string) => line.split(/\s/, 1)[0]!;
const endsSentence = (line: string) => SENTENCE_END.test(line);
const startsLowercase = (line: string) => /^[\p{Ll}\p{N}(]/u.test(line);

/** The wrapper broke this line because the next line's first word would not have fitted within `width`. */
function brokenByWrapper(line: string, next: string, width: number): boolean {
  return length(line) + 1 + length(firstWord(next)) > width;
}

export function classifyBlock(lines: string[]): BlockLayout {
  if (lines.length < 2) return "as-is";
  const width = widest(lines);
  if (width >= MIN_WRAP && width <= MAX_WRAP) {
    const inner = lines.slice(0, -1);
    const breaks = inner.map((line, index) => ({
      byWrapper: brokenByWrapper(line, lines[index + 1]!, width),
      midSentence: !endsSentence(line),
      goesOnLowercase: startsLowercase(lines[index + 1]!),
    }));
    const wrapped = breaks.filter((lineBreak) => lineBreak.byWrapper);
    const midSentence = wrapped.filter((lineBreak) => lineBreak.midSentence);
    const goesOnLowercase = midSentence.filter((lineBreak) => lineBreak.goesOnLowercase);
    // Most breaks are the wrapper's, most of those cut a sentence, and most cut sentences go on in lower
    // case (a poem's lines start with capitals; a list's items do too).
    if (
      wrapped.length * 2 >= inner.length &&
      midSentence.length * 10 >= wrapped.length * 6 &&
      goesOnLowercase.length * 2 >= midSentence.length &&
      midSentence.length > 0
    )
      return "hard-wrapped";
  }
  const long = lines.filter((line) => length(line) >= LONG_LINE);
  const sentences = long.filter(endsSentence);
  // At least two prose lines, a third of all lines: one long last line does not make a poem a scrape.
  if (long.length >= 2 && long.length * 3 >= lines.length && sentences.length * 10 >= long.length * 9) return "one-per-line";
  return "as-is";
}

/** Joins a wrapped paragraph's lines: a space between words, nothing after a hyphen that ends a word part. */
function joinWrapped(lines: string[]): string {
  return lines.reduce((text, line) => (/\p{L}-$/u.test(text) ? text + line : `${text} ${line}`));
}

function unwrap(lines: string[]): string[] {
  const width = widest(lines);
  const paragraphs: string[] = [];
  let current: string[] = [];
  lines.forEach((line, index) => {
    current.push(line);
    const next = lines[index + 1];
    if (next === undefined || !brokenByWrapper(line, next, width)) {
      paragraphs.push(joinWrapped(current));
      current = [];
    }
  });
  return paragraphs;
}

/** The paragraphs of a canonical plain text, re-laid block by block as described above. */
export function plainTextParagraphs(canonical: string): string[] {
  return paragraphsOf(canonical).flatMap((block) => {
    const lines = block.split("\n");
    const layout = classifyBlock(lines);
    if (layout === "one-per-line") return lines;
    if (layout === "hard-wrapped") return unwrap(lines);
    return [block];
  });
}
