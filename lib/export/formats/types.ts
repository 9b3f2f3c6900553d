/**
 * What every export format writer offers the export pipeline. A writer is a streaming encoder: the pipeline
 * calls `begin` once, `article` once per article in export order, then `end`, and streams the output as it
 * gets it. Writers keep no articles (an export can hold 10,000 articles and a million tags), only small
 * counters, and their output depends on nothing but their input: the same data gives the same bytes.
 *
 * The actors formats also need the project's actor registry, which the export reads in its transaction
 * and hands over in the header (`actors`); every other writer ignores it.
 *
 * Textual formats hand back strings (the pipeline encodes them as UTF-8); a binary format (brat's zip)
 * hands back bytes. The dataset version never depends on either: it is the hash of the jsonl body.
 */
import type { OffsetUnit } from "@/lib/tags/offsets";
import type { ExportArticle, ExportHeader } from "@/lib/export/shape";

export const EXPORT_FORMATS = [
  "json",
  "jsonl",
  "csv",
  "w3c",
  "conll",
  "conll-columns",
  "spacy",
  "labelstudio",
  "doccano",
  "brat",
  "actors-json",
  "actors-csv",
  "quotes-jsonl",
  "quotes-csv",
  "claims-jsonl",
  "claims-csv",
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What the pipeline knows once every article is written; `datasetVersion` is the SHA-256 (hex) of the jsonl body. */
export type ExportSummary = { datasetVersion: string; articles: number; tags: number };

/** A writer's output: text (written as UTF-8) or bytes (written as they are). */
export type WriterOutput = string | Uint8Array;

export type FormatWriter = {
  format: ExportFormat;
  /** With charset=utf-8 where textual. */
  contentType: string;
  /** File extension for Content-Disposition, without the dot. */
  extension: string;
  /**
   * The unit of the offsets this output carries: the header's for json, jsonl, csv and the quotes and
   * claims datasets; always code points for w3c (the W3C model counts code points), spacy (Python's
   * indexes), labelstudio (what its Text tag counts) and brat (Python); UTF-16 for doccano (its JavaScript
   * view); null for conll and conll-columns, which carry tokens, and the actors formats, which carry none.
   */
  offsetUnit: OffsetUnit | null;
  /** The same header the writer was created with. */
  begin(header: ExportHeader): WriterOutput;
  /** `index` is the article's 0-based position in the export (for separators). */
  article(article: ExportArticle, index: number): WriterOutput;
  end(summary: ExportSummary): WriterOutput;
};
