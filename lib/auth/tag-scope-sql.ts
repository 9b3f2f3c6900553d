import "server-only";
import { Prisma } from "@/lib/db/prisma";
import type { TagScope } from "./tag-scope";

/**
 * The SQL condition on an annotations row (alias `n`) for the tags `scope` may see: all, or the user's own
 * except on articles whose work they marked done.
 */
export function tagScopeSql(scope: TagScope, alias = "n"): Prisma.Sql {
  if (scope.kind === "all") return Prisma.sql`TRUE`;
  const n = Prisma.raw(alias);
  return Prisma.sql`(${n}.annotator_ids @> ARRAY[${scope.userId}]::text[] OR EXISTS (SELECT 1 FROM article_annotators w WHERE w.article_id = ${n}.article_id AND w.user_id = ${scope.userId} AND w.done_at IS NOT NULL))`;
}
