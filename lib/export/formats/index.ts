/**
 * The export format writers (one file each, see their header comments for the choices each format makes)
 * and the one way to get one. A writer holds per-export state (separators, counts): create one per export.
 */
import type { ExportHeader } from "@/lib/export/shape";
import { createActorsWriter } from "./actors";
import { createAttributionWriter } from "./attribution";
import { BRAT_MAX_ARTICLES, createBratWriter } from "./brat";
import { createConllWriter } from "./conll";
import { createConllColumnsWriter } from "./conll-columns";
import { createCsvWriter } from "./csv";
import { createDoccanoWriter } from "./doccano";
import { createJsonWriter } from "./json";
import { createJsonlWriter } from "./jsonl";
import { createLabelStudioWriter } from "./labelstudio";
import { createSpacyWriter } from "./spacy";
import type { ExportFormat, FormatWriter } from "./types";
import { createW3cWriter } from "./w3c";

export { EXPORT_FORMATS, type ExportFormat, type ExportSummary, type FormatWriter, type WriterOutput } from "./types";
export { serializeArticle } from "./jsonl";
export { LABEL_STUDIO_CONFIG } from "./labelstudio";

/** Why `format` cannot hold `articles` articles, or null when it can (brat's zip has an entry limit). */
export function formatLimit(format: ExportFormat, articles: number): string | null {
  if (format !== "brat" || articles <= BRAT_MAX_ARTICLES) return null;
  return `format: a brat export holds at most ${BRAT_MAX_ARTICLES} articles (a zip without ZIP64); this one has ${articles}: narrow it with the article filters, or export jsonl`;
}

/** The formats whose offsets follow offsetUnit (the others' are fixed), as messages that refuse utf16 name them. */
export const UNIT_FORMATS = "json, jsonl, csv, quotes-jsonl, quotes-csv, claims-jsonl and claims-csv";

/** The formats that list the project's actor registry: the export reads it for them (header.actors). */
export const REGISTRY_FORMATS: readonly ExportFormat[] = ["actors-json", "actors-csv"];

export function createWriter(format: ExportFormat, header: ExportHeader): FormatWriter {
  switch (format) {
    case "json":
      return createJsonWriter(header);
    case "jsonl":
      return createJsonlWriter(header.offsetUnit);
    case "csv":
      return createCsvWriter(header.offsetUnit);
    case "w3c":
      return createW3cWriter();
    case "conll":
      return createConllWriter();
    case "conll-columns":
      return createConllColumnsWriter();
    case "spacy":
      return createSpacyWriter();
    case "labelstudio":
      return createLabelStudioWriter();
    case "doccano":
      return createDoccanoWriter();
    case "brat":
      return createBratWriter(header);
    case "actors-json":
      return createActorsWriter("json", header);
    case "actors-csv":
      return createActorsWriter("csv", header);
    case "quotes-jsonl":
      return createAttributionWriter("quote", "jsonl", header.offsetUnit);
    case "quotes-csv":
      return createAttributionWriter("quote", "csv", header.offsetUnit);
    case "claims-jsonl":
      return createAttributionWriter("claim", "jsonl", header.offsetUnit);
    case "claims-csv":
      return createAttributionWriter("claim", "csv", header.offsetUnit);
  }
}
