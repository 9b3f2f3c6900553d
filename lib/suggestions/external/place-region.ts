/**
 * Where a backend's span lies in the article's text, in the UTF-16 offsets of a Suggestion. Label Studio
 * counts a Text region's `start`/`end` in code points (Python's `text[start:end]`; see
 * lib/export/formats/labelstudio.ts), and a region usually says its words in `value.text`:
 * - offsets whose words are `value.text` (or with no `value.text`, any offsets inside the text) are kept;
 * - a backend that counted UTF-16 units instead (one written in JavaScript) is recognised by its words
 *   matching at those units;
 * - otherwise the words are looked for and the occurrence nearest the offsets is taken: a backend that
 *   normalised the text (or miscounted) still lands on its words;
 * - words found nowhere, offsets outside the text without words, and edges inside a character a reader
 *   sees as one (an emoji's sequence, a letter and its accent) are problems: such a span is left out.
 * Spaces at a span's edges are left out of it (an NER model may keep a trailing space).
 */
import { OffsetIndex } from "@/lib/tags/offsets";
import { isClusterBoundary } from "@/lib/text/graphemes";

export type RegionValue = { start?: unknown; end?: unknown; text?: unknown };
export type Placed = { start: number; end: number; text: string };

const isOffset = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value >= 0;

function nearestOccurrence(text: string, quote: string, expected: number): number | null {
  let best: number | null = null;
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    if (best === null || Math.abs(at - expected) < Math.abs(best - expected)) best = at;
  }
  return best;
}

const shorten = (value: string) => (value.length > 60 ? `${value.slice(0, 57)}…` : value);

/** The span in UTF-16 offsets, or why it cannot be placed (for the report). */
export function placeRegion(text: string, index: OffsetIndex, value: RegionValue): Placed | { problem: string } {
  const quote = typeof value.text === "string" && value.text !== "" ? value.text : undefined;
  const offsets = isOffset(value.start) && isOffset(value.end) && value.start < value.end ? { start: value.start, end: value.end } : null;
  const where = offsets ? `${offsets.start}-${offsets.end}` : "without offsets";
  let from: number | undefined;
  let to: number | undefined;
  if (offsets && offsets.end <= index.codePointLength) {
    const [a, b] = [index.toUtf16(offsets.start), index.toUtf16(offsets.end)];
    if (quote === undefined || text.slice(a, b) === quote) [from, to] = [a, b];
  }
  if (from === undefined && quote !== undefined) {
    if (offsets && text.slice(offsets.start, offsets.end) === quote) [from, to] = [offsets.start, offsets.end];
    else {
      const expected = offsets ? index.toUtf16(Math.min(offsets.start, index.codePointLength)) : 0;
      const at = nearestOccurrence(text, quote, expected);
      if (at === null) return { problem: `"${shorten(quote)}" (${where}) is not in the article's text` };
      [from, to] = [at, at + quote.length];
    }
  }
  if (from === undefined || to === undefined)
    return {
      problem: offsets ? `${where} is outside the article's text (${index.codePointLength} characters)` : "a span without offsets or words",
    };
  while (from < to && /\s/.test(text[from]!)) from++;
  while (to > from && /\s/.test(text[to - 1]!)) to--;
  if (from === to) return { problem: `${where} covers only spaces` };
  if (!isClusterBoundary(text, from) || !isClusterBoundary(text, to))
    return { problem: `"${shorten(text.slice(from, to))}" (${where}) cuts a character in two` };
  return { start: from, end: to, text: text.slice(from, to) };
}
