/**
 * `margin import --format <labelstudio|doccano|w3c|brat|spacy|conll|auto> [--map PER=actor,…]
 * [--skip-unmapped] [--predictions] files…`: another tool's annotated files, through the same steps as the
 * API (read, refuse unmapped labels before writing, plan, import per article). Progress goes to stderr
 * (every 100 documents or 2 s); stdout gets a line per article, per tag left out and per problem, then a
 * summary. Exit 1 when labels are unmapped (they are listed), or when any article failed.
 */
import fs from "node:fs";
import type { ProjectAccess } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { annotatedImportOptionsSchema, readAnnotatedFiles, refuseUnmapped } from "@/lib/imports/annotated-files";
import type { ForeignFile } from "@/lib/imports/foreign-document";
import { importAnnotated } from "@/lib/imports/import-annotated";
import { CommandFailure, UsageError, type CommandOutput } from "./command-types";
import { standInUser } from "./export-commands";
import { describeResult, expand } from "./import-files";

export type AnnotatedCliOptions = { format: string; map?: string; skipUnmapped: boolean; predictions: boolean; as?: string };

const PROGRESS_EVERY = { documents: 100, ms: 2000 };

function progressPrinter(write: (line: string) => void) {
  let last = performance.now();
  return (done: number, total: number) => {
    if (done % PROGRESS_EVERY.documents !== 0 && performance.now() - last < PROGRESS_EVERY.ms && done < total) return;
    last = performance.now();
    write(`${done.toLocaleString("en")} of ${total.toLocaleString("en")} documents`);
  };
}

export async function importAnnotatedFiles(
  access: ProjectAccess<"articles:import">,
  patterns: string[],
  cli: AnnotatedCliOptions,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<CommandOutput> {
  const parsed = annotatedImportOptionsSchema.safeParse({
    format: cli.format,
    map: cli.map ?? "",
    skipUnmapped: cli.skipUnmapped,
    predictions: cli.predictions,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--${String(issue.path[0])}: ${issue.message}`);
  }
  const options = parsed.data;
  const names = await expand(patterns);
  const missing = names.filter((name) => !fs.statSync(name, { throwIfNoEntry: false })?.isFile());
  if (missing.length) throw new CommandFailure(`no such file: ${missing.join(", ")}`);
  const files: ForeignFile[] = names.map((name) => ({ name, bytes: fs.readFileSync(name) }));
  const fallbackUserId = await standInUser(access, cli.as);
  let report;
  try {
    const read = readAnnotatedFiles(files, options);
    refuseUnmapped(read, options);
    write(`${read.format}: ${read.documents.length.toLocaleString("en")} documents to import`);
    report = await importAnnotated(access, read, options, { fallbackUserId, listed: Infinity, onProgress: progressPrinter(write) });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.field === "format") throw new UsageError(`--format: ${error.message}`);
    if (error.field === "map") throw new CommandFailure(`${error.message.replace("or skip unmapped labels", "or give --skip-unmapped")}`);
    throw new CommandFailure(error.message);
  }
  const lines = [
    ...report.results.map((result) => `${describeResult(result)}${result.tags !== undefined ? ` with ${result.tags} tags` : ""}`),
    ...report.skipped.map((tag) => `skipped    ${tag.document}: ${tag.label} "${tag.text}": ${tag.reason}`),
    ...report.problems.map((problem) => `problem    ${problem.label}: ${problem.error}`),
  ];
  const { counts } = report;
  const total = counts.imported + counts.duplicate + counts.failed;
  const extras = [
    report.skippedCount && `${report.skippedCount} tags skipped`,
    report.predictionsSkipped && `${report.predictionsSkipped} predictions not imported (give --predictions)`,
    report.mappedToSkip && `${report.mappedToSkip} tags mapped to skip`,
  ].filter(Boolean);
  return {
    stdout: [
      ...lines,
      `${names.length} ${names.length === 1 ? "file" : "files"} (${report.format}), ${total} articles: ${counts.imported} imported (${report.tags} tags), ${counts.duplicate} duplicate, ${counts.failed} failed${extras.length ? `; ${extras.join(", ")}` : ""}`,
    ],
    exitCode: counts.failed ? 1 : 0,
  };
}
