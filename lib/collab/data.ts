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

/**
 * The instance that last took an article (it may have let go since, or died): where to forward its work;
 * whether its ownership session is still open (a killed instance's ends with it, while the row still names
 * it until the next owner writes its own), and whether it has stopped beating for longer than `staleMs`
 * (by the database's clock).
 */
export async function readOwner(
  articleId: string,
  staleMs: number,
): Promise<{ instanceId: string; address: string; epoch: bigint; alive: boolean; stale: boolean } | null> {
  const [row] = await prisma.$queryRaw<{ instanceId: string; address: string; epoch: bigint; alive: boolean; stale: boolean | null }[]>`
    SELECT o.instance_id AS "instanceId", o.address, o.epoch,
           EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.application_name = 'margin:' || o.instance_id) AS alive,
           i.heartbeat_at < now() - make_interval(secs => ${staleMs / 1000}) AS stale
    FROM article_owners o LEFT JOIN cluster_instances i ON i.instance_id = o.instance_id
    WHERE o.article_id = ${articleId}`;
  return row ? { ...row, stale: row.stale === true } : null;
}
