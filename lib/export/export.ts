/**
 * A live export: plan → one REPEATABLE READ transaction → counts → a byte stream the caller can send at
 * once. The returned promise settles before the first byte: with the export ready to stream (headers can
 * carry its counts), or with the AppError that makes it a 4xx (an unknown annotator, a forbidden status).
 * The transaction then lives as long as the stream: it ends with the last batch, or when the consumer
 * cancels the stream (its reads stop between batches and the transaction rolls back).
 */
import "server-only";
import type { ProjectAccess } from "@/lib/auth/context";
import { annotatesBlind } from "@/lib/auth/tag-scope";
import { AppError } from "@/lib/errors";
import { buildActorRegistry, type ActorRecordRow } from "./actor-registry";
import { countExport, inExportTransaction, readActorRecords, readExportArticles, resolvePlan } from "./data";
import { formatLimit, REGISTRY_FORMATS, UNIT_FORMATS, type FormatWriter } from "./formats";
import { exportHeader, normalizedFilters, planExport, type ExportPlan } from "./plan";
import { isAbort, pushStream, writeDataset, writerFor, type ExportCounts, type ExportResult } from "./pipeline";
import type { ExportQuery } from "./schema-filters";
import type { ExportHeader } from "./shape";

export type StartedExport = {
  header: ExportHeader;
  writer: FormatWriter;
  counts: ExportCounts;
  stream: ReadableStream<Uint8Array>;
  /** Settles when the export has ended: its summary, or why it stopped (an abort when cancelled). */
  done: Promise<ExportResult>;
  /** For Content-Disposition: "<slug>-<yyyymmdd>" or "<slug>-<article id>-<yyyymmdd>". */
  baseName: string;
};

/**
 * A format whose offsets are fixed (w3c, spacy, labelstudio, brat: code points; conll: tokens; the actors
 * formats: none) refuses utf16.
 */
function checkUnit(writer: FormatWriter, query: ExportQuery) {
  if (query.offsetUnit !== "utf16" || writer.offsetUnit === "utf16") return;
  const what =
    writer.offsetUnit !== null
      ? "counts offsets in code points"
      : REGISTRY_FORMATS.includes(writer.format)
        ? "carries no offsets"
        : "carries tokens, not offsets";
  throw new AppError(
    "bad_request",
    `offsetUnit: the ${writer.format} format ${what}; offsetUnit=utf16 applies to ${UNIT_FORMATS}`,
    "offsetUnit",
  );
}

/**
 * The header, with the project's actor registry for the formats that list it. An annotator of a blind
 * project gets only the records their exported tags name: the others' names would tell them what
 * colleagues tagged.
 */
function withRegistry(access: ProjectAccess, header: ExportHeader, records: ActorRecordRow[], query: ExportQuery): ExportHeader {
  if (!REGISTRY_FORMATS.includes(query.format)) return header;
  return { ...header, actors: buildActorRegistry(records, !annotatesBlind(access)) };
}

/** Suggestions have a place in json, jsonl (their `suggestions`) and labelstudio (its `predictions`) only. */
const SUGGESTION_FORMATS: readonly string[] = ["json", "jsonl", "labelstudio"];

function checkSuggestions(query: ExportQuery) {
  if (query.suggestions !== "include" || SUGGESTION_FORMATS.includes(query.format)) return;
  throw new AppError(
    "bad_request",
    `suggestions: the ${query.format} format has no place for suggestions; suggestions=include applies to ${SUGGESTION_FORMATS.join(", ")}`,
    "suggestions",
  );
}

function today(): string {
  return new Date().toISOString().slice(0, 10).replaceAll("-", "");
}

function startExport(access: ProjectAccess, plan: ExportPlan, query: ExportQuery, baseName: string): Promise<StartedExport> {
  // The writer needs the header only for json's first line; the unit check must come before any reading.
  checkUnit(writerFor(query.format, exportHeader(access, normalizedFilters(plan), query.offsetUnit)), query);
  checkSuggestions(query);
  const output = pushStream();
  return new Promise<StartedExport>((resolveStarted, rejectStarted) => {
    let started = false;
    const done = inExportTransaction(
      async (tx) => {
        const resolved = await resolvePlan(tx, plan);
        const counts = await countExport(tx, resolved);
        const tooMany = formatLimit(query.format, counts.articles);
        if (tooMany) throw new AppError("bad_request", tooMany, "format");
        // Read once in the export's transaction: each actor tag's record, and the actors formats' entries.
        const records = await readActorRecords(tx, resolved.projectId);
        const header = withRegistry(access, exportHeader(access, normalizedFilters(resolved), query.offsetUnit), records, query);
        const writer = writerFor(query.format, header);
        started = true;
        resolveStarted({ header, writer, counts, stream: output.stream, done, baseName });
        return writeDataset(writer, header, readExportArticles(tx, resolved, output.signal, records), output.write);
      },
      { readOnly: true },
    ).then(
      (result) => {
        output.close();
        return result;
      },
      (error: unknown) => {
        if (!started) rejectStarted(error);
        else if (!isAbort(error)) {
          // The response is already on its way: all we can do is break it off, so the client sees a
          // truncated transfer rather than a complete-looking file.
          console.error("[export] failed while streaming", error);
          output.error(error);
        }
        throw error;
      },
    );
    // Callers may ignore `done`; its failure is reported above.
    done.catch(() => {});
  });
}

export async function startProjectExport(access: ProjectAccess, query: ExportQuery): Promise<StartedExport> {
  return startExport(access, planExport(access, query), query, `${access.slug}-${today()}`);
}

/** One article of the project (an unknown id is a 400 naming `articles`): the article route and the CLI. */
export async function startArticleExport(access: ProjectAccess, articleId: string, query: ExportQuery): Promise<StartedExport> {
  return startExport(access, planExport(access, query, { article: articleId }), query, `${access.slug}-${articleId}-${today()}`);
}
