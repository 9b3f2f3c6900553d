/**
 * The steps of an annotated import that need no database, shared by the API and the CLI: the options as
 * given (format, label map, skipping unmapped labels, predictions), the files read in their format
 * (detected when `auto`), the preview (format, documents, labels with counts and where the map sends them)
 * and the refusal of unmapped labels, made before anything is written.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { ForeignDocument, ForeignFile, ForeignFormat, ForeignProblem } from "./foreign-document";
import { countLabels, describeLabels, parseLabelMap, type LabelCount, type LabelMap } from "./label-map";
import { detectFormat, IMPORT_FORMATS, readForeignFiles } from "./readers";

const flag = z
  .union([z.boolean(), z.enum(["1", "0", "true", "false", ""])])
  .optional()
  .transform((value) => value === true || value === "1" || value === "true");

/** The options of an annotated import, as the API's query and the CLI's flags give them. */
export const annotatedImportOptionsSchema = z.object({
  format: z
    .enum(IMPORT_FORMATS, { error: `format must be one of ${IMPORT_FORMATS.join(", ")}` })
    .default("auto")
    .describe("The files' format; auto detects it from their names and content"),
  map: z
    .string()
    .max(10_000, { error: "map must be at most 10,000 characters" })
    .default("")
    .describe("The label map: the files' labels to actor, claim, figure, quote or skip, as in PER=actor,ORG=actor,MISC=skip"),
  skipUnmapped: flag.describe("1: import the rest and report each tag of an unmapped label, rather than refuse the files"),
  predictions: flag.describe("1: import Label Studio predictions as tags too (otherwise counted and skipped)"),
});

export type AnnotatedImportOptions = z.output<typeof annotatedImportOptionsSchema>;

export type ReadAnnotated = {
  format: ForeignFormat;
  documents: ForeignDocument[];
  problems: ForeignProblem[];
  map: LabelMap;
  labels: LabelCount[];
  /** Spans of predictions, whether they will be imported or not. */
  predictions: number;
};

/** Reads the files; a 400 when the map is malformed, the format cannot be told, or nothing readable is in them. */
export function readAnnotatedFiles(files: ForeignFile[], options: AnnotatedImportOptions): ReadAnnotated {
  const parsed = parseLabelMap(options.map);
  if (!parsed.ok) throw new AppError("bad_request", `map: ${parsed.message}`, "map");
  const format = options.format === "auto" ? detectFormat(files) : options.format;
  if (!format)
    throw new AppError(
      "bad_request",
      "Cannot tell the files' format from their names and content: give format (labelstudio, doccano, w3c, brat, spacy or conll)",
      "format",
    );
  const { documents, problems } = readForeignFiles(format, files);
  if (!documents.length) {
    const first = problems[0];
    throw new AppError("bad_request", `No document could be read as ${format}${first ? `: ${first.label}: ${first.error}` : ""}`, "file");
  }
  const predictions = documents.reduce((sum, document) => sum + document.spans.filter((span) => span.prediction).length, 0);
  return { format, documents, problems, map: parsed.map, labels: countLabels(documents, parsed.map, options), predictions };
}

/** What the UI shows before importing: the format, the documents and the labels (each with its count and target). */
export type AnnotatedPreview = {
  format: ForeignFormat;
  documents: number;
  labels: LabelCount[];
  predictions: number;
  problems: ForeignProblem[];
};

export function previewOf(read: ReadAnnotated): AnnotatedPreview {
  return {
    format: read.format,
    documents: read.documents.length,
    labels: read.labels,
    predictions: read.predictions,
    problems: read.problems.slice(0, 100),
  };
}

/** Refuses the import, before anything is written, when labels are unmapped and skipping them was not asked. */
export function refuseUnmapped(read: ReadAnnotated, options: AnnotatedImportOptions): void {
  const unmapped = read.labels.filter((entry) => entry.target === undefined);
  if (!unmapped.length || options.skipUnmapped) return;
  throw new AppError(
    "bad_request",
    `Unmapped labels: ${describeLabels(unmapped)}. Map each to actor, claim, figure, quote or skip (e.g. ${unmapped[0]!.label}=actor), or skip unmapped labels`,
    "map",
    { error: { unmapped: unmapped.map(({ label, count }) => ({ label, count })) } },
  );
}
