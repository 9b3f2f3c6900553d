/**
 * What every export format writer offers the export pipeline. A writer is a streaming encoder: the pipeline
 * calls `begin` once, `article` once per article in export order, then `end`, and streams the strings as it
 * gets them. Writers keep no articles (an export can hold 10,000 articles and a million tags), only small
 * counters, and their output depends on nothing but their input: the same data gives the same bytes.
 */
import type { OffsetUnit } from "@/lib/tags/offsets";
import type { ExportArticle, ExportHeader } from "@/lib/export/shape";

export const EXPORT_FORMATS = ["json", "jsonl", "csv", "w3c", "conll", "spacy", "labelstudio"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What the pipeline knows once every article is written; `datasetVersion` is the SHA-256 (hex) of the jsonl body. */
export type ExportSummary = { datasetVersion: string; articles: number; tags: number };

export type FormatWriter = {
  format: ExportFormat;
  /** With charset=utf-8 where textual. */
  contentType: string;
  /** File extension for Content-Disposition, without the dot. */
  extension: string;
  /**
   * The unit of the offsets this output carries: the header's for json, jsonl and csv; always code points
   * for w3c (the W3C model counts code points), spacy (Python's indexes) and labelstudio (what its Text tag
   * counts); null for conll, which carries tokens, not offsets.
   */
  offsetUnit: OffsetUnit | null;
  /** The same header the writer was created with. */
  begin(header: ExportHeader): string;
  /** `index` is the article's 0-based position in the export (for separators). */
  article(article: ExportArticle, index: number): string;
  end(summary: ExportSummary): string;
};
