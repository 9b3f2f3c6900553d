/**
 * The `csv` format: one row per tag, RFC 4180 (CRLF line ends, a field quoted when it holds a comma, a
 * quote, CR or LF, quotes doubled), UTF-8 without a byte-order mark (a BOM becomes part of the first
 * column's name in most parsers), a header row. Attributes are flattened into fixed columns so that every
 * row has the same columns whatever its label (an actor's record: actor_id, the root record, and
 * actor_name); offsets are in the header's unit. The article's text is not repeated on every row:
 * `prefix`, `text` and `suffix` give each tag its context. Text cells that a spreadsheet would run as a
 * formula are neutralised (neutralizeFormula).
 */
import type { OffsetUnit } from "@/lib/tags/offsets";
import type { ExportArticle, ExportTag } from "@/lib/export/shape";
import { offsetConverter } from "./jsonl";
import type { FormatWriter } from "./types";

export const CSV_COLUMNS = [
  "article_id",
  "article_title",
  "tag_id",
  "label",
  "start",
  "end",
  "text",
  "prefix",
  "suffix",
  "authors",
  "status",
  "reviewed_by",
  "decision_comment",
  "actor_canonical_name",
  "actor_kind",
  "actor_id",
  "actor_name",
  "quote_speaker_id",
  "quote_direct",
  "claim_source_id",
  "figure_value",
  "figure_unit",
  "figure_approximate",
  "note",
  "created_at",
  "updated_at",
] as const;

export type Cell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
/** What a spreadsheet evaluates at the start of a cell (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number ("-5", "+3.5", "1,219"), which a spreadsheet reads as a number and never as a formula. */
const PLAIN_NUMBER = /^[+-]?\d[\d,]*(\.\d+)?$/;

/**
 * A text cell a spreadsheet would evaluate ("=HYPERLINK(…)" in an article or a note, which any editor can
 * write) gets a leading apostrophe, OWASP's rule: spreadsheets show the text instead of running it. The
 * cell's text is then one character longer than the tag's words; json and jsonl carry the exact text.
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One field: empty for absent values, booleans as true/false, numbers as JavaScript prints them. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? neutralizeFormula(value) : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record of fields, CRLF-terminated (the actors and attribution datasets write theirs with it too). */
export function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}

function tagRow(article: ExportArticle, tag: ExportTag, offset: (codePoint: number) => number): Cell[] {
  const last = tag.reviews.at(-1);
  const attributes = tag.attributes;
  return [
    article.id,
    article.title,
    tag.id,
    tag.label,
    offset(tag.start),
    offset(tag.end),
    tag.text,
    tag.prefix,
    tag.suffix,
    tag.authors.map((author) => author.email).join("; "),
    tag.status,
    last?.reviewer.email,
    last?.comment,
    attributes.canonicalName,
    attributes.kind,
    attributes.actorId,
    attributes.actorName,
    attributes.speakerId,
    attributes.direct,
    attributes.sourceId,
    attributes.value,
    attributes.unit,
    attributes.approximate,
    tag.note,
    tag.createdAt,
    tag.updatedAt,
  ];
}

export function createCsvWriter(unit: OffsetUnit): FormatWriter {
  return {
    format: "csv",
    contentType: "text/csv; charset=utf-8; header=present",
    extension: "csv",
    offsetUnit: unit,
    begin: () => csvRow(CSV_COLUMNS),
    article(article) {
      if (article.tags.length === 0) return "";
      const offset = offsetConverter(article.text, unit);
      let rows = "";
      for (const tag of article.tags) rows += csvRow(tagRow(article, tag, offset));
      return rows;
    },
    end: () => "",
  };
}
