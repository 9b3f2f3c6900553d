/**
 * PostgreSQL side of live documents: every Yjs update appended as it arrives, and snapshots that fold them
 * in. Reading the stored state is in data.ts; what is derived from the documents (the tags' projection) is
 * written by lib/tags/mutations.ts.
 */
import "server-only";
import * as Y from "yjs";
import { prisma } from "@/lib/db/prisma";
import type { DocumentKind } from "./names";

export async function appendUpdate(articleId: string, kind: DocumentKind, update: Uint8Array): Promise<bigint> {
  const row = await prisma.articleDocumentUpdate.create({
    data: { articleId, name: kind, data: update as Uint8Array<ArrayBuffer> },
    select: { id: true },
  });
  return row.id;
}

/** Which appended updates a snapshot holds: every one up to `upTo` (read when loaded), and `ids`. */
export type SnapshotHolds = { upTo: bigint | null; ids: readonly bigint[] };

/**
 * Writes a snapshot and deletes the appended updates it holds. The snapshot is merged into the stored one,
 * under a lock of its row, rather than written over it: another process holding the same article (a
 * second instance, or the old one during a rolling restart) may have stored what this one never saw, and
 * Yjs states merge. Only the updates this process read or appended are deleted, never another's.
 */
export async function saveSnapshot(articleId: string, kind: DocumentKind, snapshot: Uint8Array, holds: SnapshotHolds): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const [stored] = await tx.$queryRaw<{ state: Uint8Array }[]>`
      SELECT state FROM article_documents WHERE article_id = ${articleId} AND name = ${kind} FOR UPDATE`;
    const state = (stored ? Y.mergeUpdates([stored.state, snapshot]) : snapshot) as Uint8Array<ArrayBuffer>;
    await tx.articleDocument.upsert({
      where: { articleId_name: { articleId, name: kind } },
      create: { articleId, name: kind, state },
      update: { state },
    });
    const held = [
      ...(holds.upTo !== null ? [{ id: { lte: holds.upTo } }] : []),
      ...(holds.ids.length ? [{ id: { in: [...holds.ids] } }] : []),
    ];
    if (held.length) await tx.articleDocumentUpdate.deleteMany({ where: { articleId, name: kind, OR: held } });
  });
}
