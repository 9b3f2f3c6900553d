/**
 * The `json` format: one document, described by lib/export/schema.json. Its `articles` elements are
 * byte for byte the jsonl lines (serializeArticle), so its `datasetVersion` is the SHA-256 of the jsonl
 * export of the same data. Counts and version come last because a stream knows them only at the end.
 */
import { DATASET_FORMAT, DATASET_FORMAT_VERSION, type ExportHeader } from "@/lib/export/shape";
import { serializeArticle } from "./jsonl";
import type { FormatWriter } from "./types";

/** The filters with their keys sorted, so that the header's bytes do not depend on how they were built. */
export function sortFilters(filters: ExportHeader["filters"]): ExportHeader["filters"] {
  const sorted: ExportHeader["filters"] = {};
  for (const key of Object.keys(filters).sort()) sorted[key] = filters[key]!;
  return sorted;
}

export function createJsonWriter(header: ExportHeader): FormatWriter {
  const unit = header.offsetUnit;
  return {
    format: "json",
    contentType: "application/json; charset=utf-8",
    extension: "json",
    offsetUnit: unit,
    begin(header) {
      const head = {
        format: DATASET_FORMAT,
        formatVersion: DATASET_FORMAT_VERSION,
        project: { slug: header.project.slug, name: header.project.name },
        labels: header.labels.map((label) => ({ name: label.name, description: label.description })),
        offsetUnit: header.offsetUnit,
        filters: sortFilters(header.filters),
      };
      // The document stays open on its articles array; `end` closes it.
      return `${JSON.stringify(head).slice(0, -1)},"articles":[`;
    },
    article: (article, index) => `${index > 0 ? "," : ""}${serializeArticle(article, unit)}`,
    end: (summary) =>
      `],"articleCount":${summary.articles},"tagCount":${summary.tags},"datasetVersion":${JSON.stringify(summary.datasetVersion)}}\n`,
  };
}
