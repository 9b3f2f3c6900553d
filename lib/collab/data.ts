import "server-only";
import { prisma } from "@/lib/db/prisma";
import type { DocumentKind } from "./names";

/** The stored state of a document, in the order to apply it, or null when none was ever stored. */
export async function loadDocumentState(articleId: string, kind: DocumentKind): Promise<Uint8Array[] | null> {
  const [snapshot, updates] = await Promise.all([
    prisma.articleDocument.findUnique({ where: { articleId_name: { articleId, name: kind } }, select: { state: true } }),
    prisma.articleDocumentUpdate.findMany({ where: { articleId, name: kind }, orderBy: { id: "asc" }, select: { data: true } }),
  ]);
  if (!snapshot && !updates.length) return null;
  return [...(snapshot ? [snapshot.state] : []), ...updates.map((update) => update.data)];
}
