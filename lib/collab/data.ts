import "server-only";
import { prisma } from "@/lib/db/prisma";
import type { DocumentKind } from "./names";

/**
 * The stored state of a document, in the order to apply it, and the last appended update it holds (null:
 * none); null when nothing was ever stored.
 */
export async function loadDocumentState(
  articleId: string,
  kind: DocumentKind,
): Promise<{ updates: Uint8Array[]; upTo: bigint | null } | null> {
  const [snapshot, updates] = await Promise.all([
    prisma.articleDocument.findUnique({ where: { articleId_name: { articleId, name: kind } }, select: { state: true } }),
    prisma.articleDocumentUpdate.findMany({ where: { articleId, name: kind }, orderBy: { id: "asc" }, select: { id: true, data: true } }),
  ]);
  if (!snapshot && !updates.length) return null;
  return {
    updates: [...(snapshot ? [snapshot.state] : []), ...updates.map((update) => update.data)],
    upTo: updates.at(-1)?.id ?? null,
  };
}

/** The instance that last took an article (it may have let go since, or died): where to forward its work. */
export async function readOwner(articleId: string): Promise<{ instanceId: string; address: string; epoch: bigint } | null> {
  return prisma.articleOwner.findUnique({ where: { articleId }, select: { instanceId: true, address: true, epoch: true } });
}
