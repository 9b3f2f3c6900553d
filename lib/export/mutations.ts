/**
 * The export's writes: snapshots (their row and gzip chunks, inside the transaction that reads the data)
 * and the rows a margin-json import adds after importArticle has stored each article's text.
 */
import "server-only";
import type { ProjectAccess } from "@/lib/auth/context";
import type { Prisma } from "@/lib/db/generated/client";
import { randomUUID } from "node:crypto";
import { Prisma as PrismaSql, prisma } from "@/lib/db/prisma";
import type { Tx } from "./data";
import type { ExportResult } from "./pipeline";
import type { ArticleStatus, Decision, Label, TagStatus } from "@/lib/vocabulary";

export async function insertSnapshot(
  tx: Tx,
  access: ProjectAccess,
  fields: { name: string; filters: Record<string, string | string[]>; offsetUnit: string },
): Promise<{ id: string }> {
  // Counts and hash are known at the end; the row is invisible to others until the transaction commits.
  const id = randomUUID();
  await tx.execute(PrismaSql.sql`
    INSERT INTO export_snapshots (id, project_id, name, filters, offset_unit, content_hash, article_count, tag_count, byte_size, created_by_id)
    VALUES (${id}, ${access.projectId}, ${fields.name}, ${JSON.stringify(fields.filters)}::jsonb, ${fields.offsetUnit}, '', 0, 0, 0, ${access.userId})`);
  return { id };
}

export async function insertSnapshotChunk(tx: Tx, snapshotId: string, seq: number, data: Uint8Array): Promise<void> {
  await tx.execute(
    PrismaSql.sql`INSERT INTO export_snapshot_chunks (snapshot_id, seq, data) VALUES (${snapshotId}, ${seq}, ${Buffer.from(data.buffer, data.byteOffset, data.byteLength)})`,
  );
}

export async function finishSnapshot(tx: Tx, snapshotId: string, result: ExportResult): Promise<void> {
  await tx.execute(PrismaSql.sql`
    UPDATE export_snapshots SET content_hash = ${result.datasetVersion}, article_count = ${result.articles}, tag_count = ${result.tags}, byte_size = ${result.bytes}
    WHERE id = ${snapshotId}`);
}

export type ImportedTagRow = {
  id: string;
  articleId: string;
  label: Label;
  start: number;
  end: number;
  text: string;
  authorId: string;
  annotatorIds: string[];
  status: TagStatus;
  attributes: Record<string, unknown>;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** What the import did to one tag, in its history (kind "imported"). */
export type ImportedEventRow = {
  annotationId: string;
  articleId: string;
  actorId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
};

export type ImportedReviewRow = {
  annotationId: string;
  articleId: string;
  reviewerId: string | null;
  decision: Decision;
  comment: string | null;
  createdAt: Date;
};

/**
 * An imported article's tags, decisions and status, in one transaction, before any live document of the
 * article exists (they are built from these rows next). A failure writes none of them.
 */
export async function insertImportedTags(
  articleId: string,
  status: ArticleStatus,
  tags: ImportedTagRow[],
  reviews: ImportedReviewRow[],
  events: ImportedEventRow[],
): Promise<void> {
  await prisma.$transaction([
    prisma.annotation.createMany({ data: tags.map((tag) => ({ ...tag, attributes: tag.attributes as Prisma.InputJsonObject })) }),
    prisma.annotationReview.createMany({ data: reviews }),
    prisma.annotationEvent.createMany({
      data: events.map((event) => ({ ...event, kind: "imported" as const, data: event.data as Prisma.InputJsonObject })),
    }),
    prisma.article.update({ where: { id: articleId }, data: { status } }),
  ]);
}

/** Takes back an article whose tags could not be stored, so that an item imports whole or not at all. */
export async function deleteImportedArticle(articleId: string): Promise<void> {
  await prisma.article.delete({ where: { id: articleId } });
}
