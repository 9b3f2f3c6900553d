/**
 * Suggestions in an export (suggestions=include), pure: the rows data.ts reads, packed by PostgreSQL as one
 * JSON array per article, made into the dataset's suggestions. A row whose words are no longer the text at
 * its offsets (the text was corrected after the run) is left out: the slice property holds for every
 * exported span, suggestions included.
 */
import type { Label } from "@/lib/vocabulary";
import { CodePoints, compareTags, exportAttributes } from "./build";
import type { ExportSuggestion } from "./shape";

type SuggestionTuple = [string, string, string, Label, number, number, string, number, Record<string, unknown> | null];

/** A stored row as read: the dataset's suggestion before its attributes are cleaned (code points). */
export type ExportSuggestionRow = Omit<ExportSuggestion, "attributes"> & { attributes: Record<string, unknown> };

/** PostgreSQL's json_agg text of the article's rows (see data.ts), or null when it has none. */
export function parseSuggestions(json: string | null): ExportSuggestionRow[] {
  if (!json) return [];
  return (JSON.parse(json) as SuggestionTuple[]).map(([id, suggester, version, label, start, end, text, score, attributes]) => ({
    id,
    suggester,
    version,
    label,
    start,
    end,
    text,
    score,
    attributes: attributes ?? {},
  }));
}

/** The rows still on their words, in the tags' order, with the attributes a tag of their label may carry. */
export function buildSuggestions(text: string, rows: readonly ExportSuggestionRow[]): ExportSuggestion[] {
  const index = new CodePoints(text);
  return rows
    .filter(
      (row) =>
        Number.isInteger(row.start) &&
        Number.isInteger(row.end) &&
        row.start >= 0 &&
        row.start < row.end &&
        row.end <= index.length &&
        text.slice(index.toUtf16(row.start), index.toUtf16(row.end)) === row.text,
    )
    .sort(compareTags)
    .map((row) => ({ ...row, attributes: exportAttributes(row.label, row.attributes) }));
}
