/** Importing another tool's annotated files (Label Studio, doccano, W3C Web Annotation, brat, spaCy/Prodigy, CoNLL-2003). */
import { z } from "zod";
import { maxDatasetBytes } from "@/lib/export/http";
import { parameters } from "@/lib/export/schema-filters";
import { annotatedImportOptionsSchema } from "@/lib/imports/annotated-files";
import { multipartFiles } from "@/lib/http/body";
import { defineRoute, errors, slugParams } from "@/lib/http/contract";

export const annotatedImportQuerySchema = parameters({
  ...annotatedImportOptionsSchema.shape,
  preview: z
    .enum(["1", "0", "true", "false"], { error: "preview must be 1 or 0" })
    .optional()
    .transform((value) => value === "1" || value === "true")
    .describe("1: read the files and answer their format, documents and labels (with counts and the map's target), importing nothing"),
});

export const contract = defineRoute("/api/projects/{slug}/imports/annotated", {
  POST: {
    summary: "Import another tool's annotated files with their tags, through a label map (editors and owners)",
    description:
      "Formats: labelstudio (JSON export), doccano (JSONL), w3c (Web Annotation JSON-LD), brat (.txt + .ann pairs, or a .zip), spacy (spaCy/Prodigy JSONL), " +
      "conll (CoNLL-2003 BIO), or auto. Every label of the files must be mapped (`map`) unless `skipUnmapped=1`; each tag that cannot be placed in the " +
      "article's text is reported. The import answers application/x-ndjson: `{progress: {done, total}}` lines as documents are imported, then `{report}`.",
    params: slugParams,
    query: annotatedImportQuerySchema,
    body: multipartFiles({
      field: "file",
      maxFiles: 200,
      maxFileBytes: maxDatasetBytes,
      fields: z.object({}),
      description:
        "The files in the repeatable field `file` (brat: each .txt with its .ann, or one .zip), each at most 100 MB unless configured",
    }),
    responses: {
      200:
        "With preview=1: `{ format, documents, labels: [{ label, count, target? }], predictions, problems }`. Otherwise NDJSON: `{ progress: { done, total } }` " +
        "lines, then `{ report: { format, counts: { imported, duplicate, failed }, tags, results, more, skipped: [{ document, label, text, reason }], skippedCount, " +
        "problems: [{ label, error }], problemCount, predictionsSkipped, mappedToSkip } }`",
      400: "Unknown format, unreadable files, or unmapped labels (`error.unmapped`: `[{ label, count }]`)",
      ...errors(401, 403, 404),
    },
  },
});
