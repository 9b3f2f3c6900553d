/**
 * Suggestions as the editor shows them: the API's spans (UTF-16 offsets into the canonical text, asked for
 * with `offsetUnit=utf16`) placed on the live document's ProseMirror positions through its projection, the
 * same way tags' offsets are read from it (lib/tags/projection.ts). A suggestion whose words are not at its
 * offsets in the text the editor holds now (a correction since the server read the text) is left out rather
 * than outline other words. Pure.
 */
import type { PlacedSuggestion } from "@/lib/editor/suggestions";
import { rangeOf, type Projection } from "@/lib/tags/projection";
import type { SuggestionView } from "./stored";

/** What placing a suggestion needs of the API's view of it (lib/suggestions/stored.ts, asked for in UTF-16). */
export type PlaceableSuggestion = Pick<SuggestionView, "id" | "suggester" | "version" | "label" | "start" | "end" | "text" | "score">;

/** Where a suggestion comes from, as its hover title and the panel say it: "builtin:figures 1 · score 0.92". */
export function provenanceOf(suggestion: Pick<PlaceableSuggestion, "suggester" | "version" | "score">): string {
  return `${suggestion.suggester} ${suggestion.version} · score ${suggestion.score.toFixed(2)}`;
}

/** Whether an offset falls between the two halves of a character outside the Basic Multilingual Plane. */
function splitsCharacter(text: string, at: number): boolean {
  return /[\uD800-\uDBFF]/.test(text[at - 1] ?? "") && /[\uDC00-\uDFFF]/.test(text[at] ?? "");
}

/** The suggestions whose words are at their offsets in the projection's text, on its document's positions. */
export function placeSuggestions(projection: Projection, suggestions: readonly PlaceableSuggestion[]): PlacedSuggestion[] {
  const placed: PlacedSuggestion[] = [];
  for (const suggestion of suggestions) {
    const { start, end } = suggestion;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > projection.text.length) continue;
    if (splitsCharacter(projection.text, start) || splitsCharacter(projection.text, end)) continue;
    if (projection.text.slice(start, end) !== suggestion.text) continue;
    const range = rangeOf(projection, start, end);
    if (!range) continue;
    placed.push({
      id: suggestion.id,
      label: suggestion.label,
      from: range.from,
      to: range.to,
      title: `Suggested by ${provenanceOf(suggestion)}`,
    });
  }
  return placed;
}
