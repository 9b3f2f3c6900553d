/**
 * Places a foreign document's spans in the text Margin stores. The file's text is canonicalised by the
 * ordinary import (CRLF, trailing spaces, NFD accents and blank lines change), so its offsets may no longer
 * point at the same words:
 * - when the canonical text is the file's, a span keeps its offsets (converted to code points), unless the
 *   file states a quote that is not what those offsets cover (a tool counting another unit): then the quote
 *   decides, as below;
 * - otherwise each span is found by its quote (the file's, or the words its offsets cover in the file's
 *   text), normalised as the text was, at the occurrence that best matches its prefix and suffix (W3C) and
 *   lies nearest to where its offsets point, scaled to the new length;
 * - a span whose quote is nowhere, or in several places with nothing to choose between them, is a problem,
 *   as is one whose edges would split a grapheme cluster (an emoji's ZWJ sequence, a letter and its
 *   combining accent): the tag would cut a character a reader sees as one.
 */
import { canonicalize } from "@/lib/articles/canonical-text";
import { OffsetIndex } from "@/lib/tags/offsets";
import type { ForeignDocument, ForeignOffsetUnit, ForeignSpan } from "./foreign-document";

export type AnchoredSpan = { span: ForeignSpan; start: number; end: number; text: string };
export type AnchorProblem = { span: ForeignSpan; reason: string };
export type Anchoring = { anchored: AnchoredSpan[]; problems: AnchorProblem[] };

/** UTF-16 offsets of `text` for offsets in `unit`; null for one outside the text or inside a character. */
function utf16Converter(text: string, unit: ForeignOffsetUnit): (offset: number) => number | null {
  if (unit === "utf16") return (offset) => (offset <= text.length ? offset : null);
  if (unit === "codepoint") {
    const index = new OffsetIndex(text);
    return (offset) => (offset <= index.codePointLength ? index.toUtf16(offset) : null);
  }
  // UTF-8 bytes: the UTF-16 offset at each character boundary's byte count.
  const byBytes = new Map<number, number>();
  let bytes = 0;
  for (let index = 0; index < text.length;) {
    byBytes.set(bytes, index);
    const point = text.codePointAt(index)!;
    bytes += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
    index += point > 0xffff ? 2 : 1;
  }
  byBytes.set(bytes, text.length);
  return (offset) => byBytes.get(offset) ?? null;
}

/** The UTF-16 offsets where a grapheme cluster starts (and the text's end): a tag's edges must be among them. */
function graphemeBoundaries(text: string): Set<number> {
  const boundaries = new Set<number>([text.length]);
  for (const { index } of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)) boundaries.add(index);
  return boundaries;
}

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** How many characters of `context` agree with the text next to an occurrence (before it, or after). */
function agreement(text: string, at: number, context: string, before: boolean): number {
  let count = 0;
  if (before) while (count < context.length && at - count > 0 && text[at - count - 1] === context[context.length - count - 1]) count++;
  else while (count < context.length && at + count < text.length && text[at + count] === context[count]) count++;
  return count;
}

/**
 * The occurrence of `needle` to use: the best context agreement, then the nearest to `expected`; null
 * when there is none, or several that nothing tells apart.
 */
function chooseOccurrence(
  text: string,
  needle: string,
  expected: number | undefined,
  context: { prefix?: string; suffix?: string },
): { at: number } | { reason: string } {
  const found = occurrences(text, needle);
  if (!found.length) return { reason: "its text is not in the article (as imported)" };
  if (found.length === 1) return { at: found[0]! };
  // Not canonicalize(): its trimming would take the space that joins a prefix to the quote.
  const normalize = (value = "") => value.replace(/\r\n?/g, "\n").normalize("NFC");
  const [prefix, suffix] = [normalize(context.prefix), normalize(context.suffix)];
  const scored = found.map((at) => ({
    at,
    context: agreement(text, at, prefix, true) + agreement(text, at + needle.length, suffix, false),
    distance: expected === undefined ? 0 : Math.abs(at - expected),
  }));
  scored.sort((a, b) => b.context - a.context || a.distance - b.distance);
  const [best, next] = [scored[0]!, scored[1]!];
  if (best.context === next.context && best.distance === next.distance)
    return { reason: `its text occurs ${found.length} times in the article and nothing tells which one is meant` };
  return { at: best.at };
}

/** The words a span's offsets cover in the file's own text, for reports; undefined when they cover none. */
export function coveredText(document: ForeignDocument, span: ForeignSpan): string | undefined {
  if (span.start === undefined || span.end === undefined) return undefined;
  const toUtf16 = utf16Converter(document.text, document.unit);
  const [from, to] = [toUtf16(span.start), toUtf16(span.end)];
  return from !== null && to !== null && from < to ? document.text.slice(from, to) : undefined;
}

/** Anchors `document`'s spans in `canonical` (the text the ordinary import made of the document's); offsets answered in code points. */
export function anchorSpans(document: ForeignDocument, canonical: string, spans: ForeignSpan[] = document.spans): Anchoring {
  const sameText = canonical === document.text;
  const toUtf16 = utf16Converter(document.text, document.unit);
  const index = new OffsetIndex(canonical);
  let boundaries: Set<number> | undefined;
  const result: Anchoring = { anchored: [], problems: [] };
  for (const span of spans) {
    const [from, to] = [span.start === undefined ? null : toUtf16(span.start), span.end === undefined ? null : toUtf16(span.end)];
    const hasOffsets = span.start !== undefined && span.end !== undefined;
    if (hasOffsets && (from === null || to === null || from >= to)) {
      if (span.quote === undefined) {
        result.problems.push({ span, reason: `${span.start}-${span.end} (${document.unit}) is not a span of the text` });
        continue;
      }
    }
    const covered = from !== null && to !== null && from < to ? document.text.slice(from, to) : undefined;
    let start: number, end: number;
    if (sameText && covered !== undefined && (span.quote === undefined || span.quote === covered)) {
      [start, end] = [from!, to!];
    } else {
      const quote = span.quote ?? covered;
      const needle = quote === undefined ? "" : canonicalize(quote);
      if (!needle) {
        result.problems.push({ span, reason: quote === undefined ? "it has neither offsets nor text" : "it covers only white space" });
        continue;
      }
      const expected = from === null ? undefined : Math.round((from * canonical.length) / Math.max(1, document.text.length));
      const chosen = chooseOccurrence(canonical, needle, expected, span);
      if ("reason" in chosen) {
        result.problems.push({ span, reason: chosen.reason });
        continue;
      }
      [start, end] = [chosen.at, chosen.at + needle.length];
    }
    boundaries ??= graphemeBoundaries(canonical);
    if (!boundaries.has(start) || !boundaries.has(end)) {
      const edge = boundaries.has(start) ? end : start;
      // Counted by hand: the edge may fall between a surrogate pair's halves, which OffsetIndex refuses.
      result.problems.push({ span, reason: `it would split a character (a grapheme cluster) at ${[...canonical.slice(0, edge)].length}` });
      continue;
    }
    result.anchored.push({ span, start: index.toCodePoint(start), end: index.toCodePoint(end), text: canonical.slice(start, end) });
  }
  return result;
}
