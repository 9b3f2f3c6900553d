/**
 * Suggestions as Margin stores and serves them, pure: a suggester's answer (UTF-16 offsets, links by key)
 * made into rows (code points, like tags, links by row id or tag id), the key by which a suggestion is "the
 * same" from one run to the next (what keeps a person's decision on it), whether a row still fits the
 * article's current text, the row as the API shows it, and the tag attributes an accepted row becomes.
 */
import { OffsetIndex, type OffsetUnit } from "@/lib/tags/offsets";
import type { Label } from "@/lib/vocabulary";
import type { SuggestionFrom } from "./builtin";
import type { SuggestionAttributes } from "./suggester";

/** What the row keeps besides its links: what the tag's details would hold. */
export type StoredAttributes = Omit<SuggestionAttributes, "speakerKey" | "sourceKey">;

export type SuggestionRow = {
  id: string;
  suggester: string;
  version: string;
  label: Label;
  /** Code points into the article's text, end exclusive. */
  start: number;
  end: number;
  text: string;
  score: number;
  attributes: StoredAttributes;
  speakerSuggestionId: string | null;
  speakerTagId: string | null;
  sourceSuggestionId: string | null;
  sourceTagId: string | null;
};

/**
 * The same suggestion from one run to the next: same suggester, label and words at the same place. A
 * decision on it (accepted, dismissed) holds for every row with its key, so a re-run never brings back what
 * a person already answered.
 */
export function suggestionKey(row: Pick<SuggestionRow, "suggester" | "label" | "start" | "end" | "text">): string {
  return JSON.stringify([row.suggester, row.label, row.start, row.end, row.text]);
}

/** A tag's or a suggestion's label and place: a suggestion with the key of a tag is done already. */
export function taggedSpanKey(label: string, start: number, end: number): string {
  return `${label}:${start}-${end}`;
}

/**
 * A suggester's answer made into rows. Offsets go to code points; a suggestion whose text is not the text at
 * its offsets (a suggester's bug, or a backend's) is left out rather than stored wrong. A link names another
 * suggestion of the same answer (by key) or an actor tag of the context (by id); anything else is dropped.
 * `idFor` gives the row id for a key: an earlier run's, when the same suggestion comes again.
 */
export function toRows(
  text: string,
  suggestions: readonly SuggestionFrom[],
  tagIds: ReadonlySet<string>,
  idFor: (suggestion: Omit<SuggestionRow, "id" | "speakerSuggestionId" | "speakerTagId" | "sourceSuggestionId" | "sourceTagId">) => string,
): { rows: SuggestionRow[]; refused: SuggestionFrom[] } {
  const offsets = new OffsetIndex(text);
  const refused: SuggestionFrom[] = [];
  const placed: {
    suggestion: SuggestionFrom;
    row: Omit<SuggestionRow, "speakerSuggestionId" | "speakerTagId" | "sourceSuggestionId" | "sourceTagId">;
  }[] = [];
  for (const suggestion of suggestions) {
    const start = codePoint(offsets, suggestion.start);
    const end = codePoint(offsets, suggestion.end);
    if (start === null || end === null || end <= start || text.slice(suggestion.start, suggestion.end) !== suggestion.text) {
      refused.push(suggestion);
      continue;
    }
    const { speakerKey: _speaker, sourceKey: _source, ...attributes } = suggestion.attributes;
    const fields = {
      suggester: suggestion.suggester,
      version: suggestion.version,
      label: suggestion.label,
      start,
      end,
      text: suggestion.text,
      score: Math.min(1, Math.max(0, suggestion.score)),
      attributes,
    };
    placed.push({ suggestion, row: { id: idFor(fields), ...fields } });
  }
  const idOfKey = new Map(placed.map(({ suggestion, row }) => [suggestion.key, row.id]));
  const link = (key: string | undefined) => ({
    suggestion: key !== undefined ? (idOfKey.get(key) ?? null) : null,
    tag: key !== undefined && !idOfKey.has(key) && tagIds.has(key) ? key : null,
  });
  const rows = placed.map(({ suggestion, row }) => {
    const speaker = link(suggestion.attributes.speakerKey);
    const source = link(suggestion.attributes.sourceKey);
    return {
      ...row,
      speakerSuggestionId: speaker.suggestion,
      speakerTagId: speaker.tag,
      sourceSuggestionId: source.suggestion,
      sourceTagId: source.tag,
    };
  });
  return { rows, refused };
}

function codePoint(offsets: OffsetIndex, utf16: number): number | null {
  try {
    return offsets.toCodePoint(utf16);
  } catch {
    return null;
  }
}

/** Whether the row's words are still the text at its offsets (a corrected text leaves it stale). */
export function fitsText(offsets: OffsetIndex, row: Pick<SuggestionRow, "start" | "end" | "text">): boolean {
  if (row.end > offsets.codePointLength) return false;
  return offsets.text.slice(offsets.toUtf16(row.start), offsets.toUtf16(row.end)) === row.text;
}

/** A suggestion as the API shows it: offsets in the caller's unit, links among its attributes. */
export function viewOf(row: SuggestionRow, offsets: OffsetIndex, unit: OffsetUnit) {
  const links = {
    ...(row.speakerSuggestionId ? { speakerSuggestionId: row.speakerSuggestionId } : {}),
    ...(row.speakerTagId ? { speakerTagId: row.speakerTagId } : {}),
    ...(row.sourceSuggestionId ? { sourceSuggestionId: row.sourceSuggestionId } : {}),
    ...(row.sourceTagId ? { sourceTagId: row.sourceTagId } : {}),
  };
  return {
    id: row.id,
    suggester: row.suggester,
    version: row.version,
    label: row.label,
    start: offsets.convert(row.start, "codepoint", unit),
    end: offsets.convert(row.end, "codepoint", unit),
    offsetUnit: unit,
    text: row.text,
    score: row.score,
    attributes: { ...row.attributes, ...links },
  };
}

export type SuggestionView = ReturnType<typeof viewOf>;

/**
 * The attributes of the tag an accepted suggestion becomes, as the details form holds them for its label.
 * `linkedTag`: the actor tag its speaker or source link leads to, when there is one.
 */
export function tagAttributesOf(row: Pick<SuggestionRow, "label" | "attributes">, linkedTag: string | null): Record<string, unknown> {
  const given = row.attributes;
  const defined = (entries: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
  switch (row.label) {
    case "actor":
      return defined({ canonicalName: given.canonicalName, kind: given.kind });
    case "figure":
      return defined({ value: given.value, unit: given.unit, approximate: given.approximate });
    case "quote":
      return defined({ direct: given.direct, speakerId: linkedTag ?? undefined });
    case "claim":
      return defined({ sourceId: linkedTag ?? undefined });
  }
}
