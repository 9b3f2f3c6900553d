/**
 * PostgreSQL side of live documents: every Yjs update appended as it arrives, and snapshots that fold them
 * in. Reading the stored state is in data.ts; what is derived from the documents (the tags' projection) is
 * written by lib/tags/mutations.ts.
 */
import "server-only";
import { prisma } from "@/lib/db/prisma";
import type { DocumentKind } from "./names";

export async function appendUpdate(articleId: string, kind: DocumentKind, update: Uint8Array): Promise<bigint> {
  const row = await prisma.articleDocumentUpdate.create({
    data: { articleId, name: kind, data: update as Uint8Array<ArrayBuffer> },
    select: { id: true },
  });
  return row.id;
}

/** Writes a snapshot and deletes the appended updates it already contains. */
export async function saveSnapshot(
  articleId: string,
  kind: DocumentKind,
  snapshot: Uint8Array,
  containsUpTo: bigint | null,
): Promise<void> {
  const state = snapshot as Uint8Array<ArrayBuffer>;
  await prisma.$transaction([
    prisma.articleDocument.upsert({
      where: { articleId_name: { articleId, name: kind } },
      create: { articleId, name: kind, state },
      update: { state },
    }),
    ...(containsUpTo !== null
      ? [prisma.articleDocumentUpdate.deleteMany({ where: { articleId, name: kind, id: { lte: containsUpTo } } })]
      : []),
  ]);
}
