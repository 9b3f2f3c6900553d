/**
 * A tag's provenance in words, for its history: the created event of an accepted suggestion records
 * `suggestion: { suggestionId, suggester, version, score }` (lib/tags/operations/create.ts), and the
 * history reads "created from a suggestion (builtin:figures 2, score 0.95)". The event is read back from
 * JSON that an import or an older version may have written differently, so every field is checked and a
 * record that is not a suggestion's gives nothing rather than "undefined".
 */

/** "from a suggestion (builtin:figures 2, score 0.95)", or null when `recorded` is not a suggestion's provenance. */
export function describeProvenance(recorded: unknown): string | null {
  if (typeof recorded !== "object" || recorded === null) return null;
  const { suggester, version, score } = recorded as Record<string, unknown>;
  if (typeof suggester !== "string" || !suggester) return null;
  const parts = [typeof version === "string" && version ? `${suggester} ${version}` : suggester];
  // Two decimals are what the editor's hover shows; a score is in [0, 1].
  if (typeof score === "number" && Number.isFinite(score)) parts.push(`score ${Number(score.toFixed(2))}`);
  return `from a suggestion (${parts.join(", ")})`;
}
