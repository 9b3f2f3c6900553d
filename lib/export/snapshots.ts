/**
 * Named snapshots of a project's dataset. Saving one runs the export (same plan, same pipeline) in one
 * REPEATABLE READ transaction that also stores its canonical jsonl, gzip-compressed in 1 MiB chunks, with
 * its filters, unit, dataset version, counts and size; the row appears to others only once complete.
 * Downloading it in jsonl and its own unit returns the stored bytes exactly; any other format or unit is
 * a replay of the stored articles through that writer, with the header rebuilt from the stored filters:
 * the bytes the live export gave that day (if the project was renamed since, its new name).
 *
 * Who: every member who may export (viewers of a gold-only project save and read gold snapshots only).
 * In a blind project, editors see only their own tags until they are done, and a snapshot holds
 * everyone's: they may not save or read snapshots there.
 */
import "server-only";
import type { ProjectAccess } from "@/lib/auth/context";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import {
  findSnapshot,
  inExportTransaction,
  listSnapshots,
  readExportArticles,
  readSnapshotChunks,
  resolvePlan,
  snapshotNameTaken,
  type SnapshotView,
} from "./data";
import { createWriter, formatLimit, REGISTRY_FORMATS, UNIT_FORMATS } from "./formats";
import { finishSnapshot, insertSnapshot, insertSnapshotChunk } from "./mutations";
import { exportHeader, mayReadSnapshot, mayUseSnapshots, normalizedFilters, planExport, type ExportFilters } from "./plan";
import { isAbort, pushStream, writeDataset } from "./pipeline";
import type { ExportResponseInput } from "./http";
import { gzipChunks, inflate, oneByOne, snapshotArticles } from "./snapshot-bytes";
import { diffArticles } from "./snapshot-diff";
import type { ExportFormat } from "./formats";
import type { OffsetUnit } from "@/lib/tags/offsets";

function assertMayUseSnapshots(access: ProjectAccess): void {
  if (!mayUseSnapshots(access))
    throw new AppError("forbidden", "In a blind project, editors cannot save or read snapshots: a snapshot holds every annotator's tags");
}

function assertMayRead(access: ProjectAccess, snapshot: SnapshotView): void {
  assertMayUseSnapshots(access);
  if (!mayReadSnapshot(access, snapshot.filters)) {
    throw new AppError(
      "forbidden",
      `Viewers of this project may read gold snapshots only (status=accepted); "${snapshot.name}" holds status=${snapshot.filters.status}`,
    );
  }
}

async function findReadable(access: ProjectAccess, idOrName: string, field: string): Promise<SnapshotView> {
  const snapshot = await findSnapshot(access, idOrName);
  if (!snapshot) throw new AppError("not_found", `No snapshot "${idOrName}" in this project`, field);
  assertMayRead(access, snapshot);
  return snapshot;
}

/** The project's snapshots, newest first, for those who may use them (their names and filters too). */
export async function listProjectSnapshots(access: ProjectAccess): Promise<SnapshotView[]> {
  assertMayUseSnapshots(access);
  return listSnapshots(access);
}

export async function createSnapshot(
  access: ProjectAccess,
  input: { name: string; filters: ExportFilters & { offsetUnit: OffsetUnit } },
): Promise<SnapshotView> {
  assertMayUseSnapshots(access);
  const { offsetUnit, ...filters } = input.filters;
  const plan = planExport(access, filters);
  const duplicate = () => new AppError("conflict", `This project already has a snapshot named "${input.name}"`, "name");
  if (await snapshotNameTaken(access, input.name)) throw duplicate();
  let id: string;
  try {
    id = await inExportTransaction(
      async (tx) => {
        const resolved = await resolvePlan(tx, plan);
        const normalized = normalizedFilters(resolved);
        const header = exportHeader(access, normalized, offsetUnit);
        const { id } = await insertSnapshot(tx, access, { name: input.name, filters: normalized, offsetUnit });
        let seq = 0;
        const chunks = gzipChunks((chunk) => insertSnapshotChunk(tx, id, seq++, chunk));
        const result = await writeDataset(createWriter("jsonl", header), header, readExportArticles(tx, resolved), (bytes) =>
          chunks.write(bytes),
        );
        await chunks.end();
        await finishSnapshot(tx, id, result);
        return id;
      },
      { readOnly: false },
    );
  } catch (error) {
    // Two saves of one name at once: the unique index decides, the loser rolls back whole.
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
  return (await findSnapshot(access, id))!;
}

/** What a download sends: see exportResponse. */
export async function openSnapshot(
  access: ProjectAccess,
  id: string,
  query: { format: ExportFormat; offsetUnit?: OffsetUnit },
): Promise<ExportResponseInput> {
  const snapshot = await findReadable(access, id, "id");
  const unit = query.offsetUnit ?? snapshot.offsetUnit;
  const header = exportHeader(access, snapshot.filters, unit);
  const writer = createWriter(query.format, header);
  // A snapshot stores the articles, not the registry as it was: listing today's records beside that day's
  // tags would mix two dates. The quotes and claims datasets replay, their records being in the tags.
  if (REGISTRY_FORMATS.includes(query.format))
    throw new AppError(
      "bad_request",
      `format: a snapshot stores the articles, not the actor registry; export ${query.format} from the project, or download this snapshot as json, quotes-jsonl or claims-jsonl (each tag carries its record)`,
      "format",
    );
  if (query.offsetUnit === "utf16" && writer.offsetUnit !== "utf16")
    throw new AppError(
      "bad_request",
      `offsetUnit: the ${writer.format} format has no UTF-16 offsets; offsetUnit=utf16 applies to ${UNIT_FORMATS}`,
      "offsetUnit",
    );
  const tooMany = formatLimit(query.format, snapshot.articleCount);
  if (tooMany) throw new AppError("bad_request", tooMany, "format");
  const base = {
    writer,
    header,
    baseName: `${access.slug}-${snapshot.name}`,
    counts: { articles: snapshot.articleCount, tags: snapshot.tagCount },
    datasetVersion: unit === snapshot.offsetUnit ? snapshot.contentHash : undefined,
  };
  const output = pushStream();
  if (query.format === "jsonl" && unit === snapshot.offsetUnit) {
    // The stored bytes, inflated: exactly the jsonl body saved.
    void (async () => {
      for await (const chunk of inflate(readSnapshotChunks(snapshot.id, output.signal))) await output.write(chunk);
    })().then(output.close, (error: unknown) => (isAbort(error) ? undefined : output.error(error)));
    return { ...base, stream: output.stream };
  }
  const articles = oneByOne(snapshotArticles(readSnapshotChunks(snapshot.id, output.signal), snapshot.offsetUnit, output.signal));
  writeDataset(writer, header, articles, output.write).then(output.close, (error: unknown) => {
    if (isAbort(error)) return;
    console.error("[export] snapshot replay failed", error);
    output.error(error);
  });
  return { ...base, stream: output.stream };
}

/** Tags added, removed and changed from snapshot `from` to snapshot `to`, the first `limit` listed. */
export async function diffSnapshots(access: ProjectAccess, query: { from: string; to: string; limit: number }) {
  const from = await findReadable(access, query.from, "from");
  const to = await findReadable(access, query.to, "to");
  const abort = new AbortController();
  try {
    const articles = (snapshot: SnapshotView) =>
      oneByOne(snapshotArticles(readSnapshotChunks(snapshot.id, abort.signal), snapshot.offsetUnit, abort.signal));
    const diff = await diffArticles(articles(from), articles(to), query.limit);
    return { from, to, ...diff };
  } finally {
    abort.abort();
  }
}
