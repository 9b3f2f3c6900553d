/**
 * What a text correction asks of an article's stored suggestions, pure: the paragraphs it touched, the
 * rows outside them moved with the text (same ids, so that decisions and links on them stand), and the
 * built-in suggesters' answer for those paragraphs alone, placed in the whole text. Paragraphs are the
 * canonical text's, separated by "\n\n"; re-running only them keeps a correction on a long article cheap
 * and leaves every other suggestion exactly as the people working on it saw it.
 */
import { OffsetIndex } from "@/lib/tags/offsets";
import { BUILTIN_SUGGESTERS, suggestAll, type SuggestionFrom } from "./builtin";
import type { SuggestionRow } from "./stored";
import type { SuggestContext, Suggester } from "./suggester";

const BREAK = "\n\n";

/**
 * The changed paragraphs: `[start, end)` in UTF-16 units of `after`, whole paragraphs; the same paragraphs
 * were `[start, end - delta)` in `before`. Null when the text is the same.
 */
export type ChangedParagraphs = { start: number; end: number; delta: number };

export function changedParagraphs(before: string, after: string): ChangedParagraphs | null {
  if (before === after) return null;
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix))
    suffix++;
  // A paragraph break inside the changed part (one added or removed) is the correction's, not a boundary.
  const breakBefore = prefix >= BREAK.length ? after.lastIndexOf(BREAK, prefix - BREAK.length) : -1;
  const breakAfter = after.indexOf(BREAK, after.length - suffix);
  return {
    start: breakBefore < 0 ? 0 : breakBefore + BREAK.length,
    end: breakAfter < 0 ? after.length : breakAfter,
    delta: after.length - before.length,
  };
}

/**
 * The rows outside the changed paragraphs, at their places in `after` (code points, like every row): those
 * before unchanged, those after moved by the correction's length. A row whose words are not at its place in
 * `before` was stale already (a correction its article had before) and is left out, as is every row inside
 * or across the changed paragraphs: the run on those paragraphs replaces them.
 */
export function keptRows(before: string, after: string, changed: ChangedParagraphs, rows: readonly SuggestionRow[]): SuggestionRow[] {
  const was = Array.from(before);
  const now = Array.from(after);
  const startPoint = new OffsetIndex(after).toCodePoint(changed.start);
  const endPointBefore = new OffsetIndex(before).toCodePoint(changed.end - changed.delta);
  const shift = now.length - was.length;
  const at = (points: string[], start: number, end: number) => points.slice(start, end).join("");
  return rows.flatMap((row) => {
    if (at(was, row.start, row.end) !== row.text) return [];
    const by = row.end <= startPoint ? 0 : row.start >= endPointBefore ? shift : null;
    if (by === null) return [];
    const moved = { ...row, start: row.start + by, end: row.end + by };
    return at(now, moved.start, moved.end) === moved.text ? [moved] : [];
  });
}

/**
 * The suggesters' answer for the changed paragraphs, in UTF-16 offsets of the whole text `after`. The
 * context's actor tags are those inside the paragraphs, so that a speaker links to a tag there; keys stay
 * unique within this answer, which is all a link between suggestions needs.
 */
export function suggestChangedParagraphs(
  after: string,
  changed: ChangedParagraphs,
  context: SuggestContext,
  suggesters: readonly Suggester[] = BUILTIN_SUGGESTERS,
): SuggestionFrom[] {
  const { start, end } = changed;
  const actorTags = (context.actorTags ?? [])
    .filter((tag) => tag.start >= start && tag.end <= end)
    .map((tag) => ({ ...tag, start: tag.start - start, end: tag.end - start }));
  return suggestAll(after.slice(start, end), { ...context, actorTags }, suggesters).map((suggestion) => ({
    ...suggestion,
    start: suggestion.start + start,
    end: suggestion.end + start,
  }));
}
