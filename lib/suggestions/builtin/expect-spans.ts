/** Test support: the invariants every suggestion keeps, checked the same way in each suggester's tests. */
import { expect } from "vitest";
import { isClusterBoundary } from "@/lib/text/graphemes";
import type { Suggestion } from "../suggester";

export function expectExactSpans(text: string, suggestions: readonly Suggestion[]) {
  for (const suggestion of suggestions) {
    expect(text.slice(suggestion.start, suggestion.end), suggestion.key).toBe(suggestion.text);
    expect(suggestion.end).toBeGreaterThan(suggestion.start);
    expect(isClusterBoundary(text, suggestion.start) && isClusterBoundary(text, suggestion.end), suggestion.key).toBe(true);
    expect(suggestion.score).toBeGreaterThanOrEqual(0);
    expect(suggestion.score).toBeLessThanOrEqual(1);
  }
  const spans = suggestions.map((suggestion) => `${suggestion.label}:${suggestion.start}-${suggestion.end}`);
  expect(new Set(spans).size, "one label never suggests the same span twice").toBe(spans.length);
  const keys = suggestions.map((suggestion) => suggestion.key);
  expect(new Set(keys).size).toBe(keys.length);
}

/** The suggestions as "text → attributes" pairs, for readable expectations. */
export const texts = (suggestions: readonly Suggestion[]) => suggestions.map((suggestion) => suggestion.text);
