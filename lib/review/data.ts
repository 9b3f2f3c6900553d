import "server-only";
import type { Actor, ArticleAccess } from "@/lib/auth/context";
import { Prisma, prisma } from "@/lib/db/prisma";
import { tagScope, type TagScope } from "./scope";

/**
 * The SQL condition on an annotations row (alias `n`) for the tags `scope` may see: all, or the user's own
 * except on articles whose work they marked done.
 */
export function tagScopeSql(scope: TagScope, alias = "n"): Prisma.Sql {
  if (scope.kind === "all") return Prisma.sql`TRUE`;
  const n = Prisma.raw(alias);
  return Prisma.sql`(${n}.annotator_ids @> ARRAY[${scope.userId}]::text[] OR EXISTS (SELECT 1 FROM article_annotators w WHERE w.article_id = ${n}.article_id AND w.user_id = ${scope.userId} AND w.done_at IS NOT NULL))`;
}

/**
 * The scope on one article: a blind annotator who marked their work on it done sees everything there.
 * Null user ids (the operator's CLI) see everything.
 */
export async function articleTagScope(access: ArticleAccess): Promise<TagScope> {
  const scope = tagScope(access);
  if (scope.kind === "all") return scope;
  const work = await prisma.articleAnnotator.findUnique({ where: { articleId_userId: { articleId: access.articleId, userId: scope.userId } }, select: { doneAt: true } });
  return work?.doneAt ? { kind: "all" } : scope;
}

/** Who marked their work on an article done. */
export async function unsafeListDoneAnnotators(articleId: string): Promise<Set<string>> {
  const rows = await prisma.articleAnnotator.findMany({ where: { articleId, doneAt: { not: null } }, select: { userId: true } });
  return new Set(rows.map((row) => row.userId));
}

const PERSON = { select: { id: true, name: true, email: true } } as const;

/** A tag's discussion, oldest first: comments and the marks of its being resolved or reopened. */
export async function listComments(access: ArticleAccess, annotationId: string) {
  return prisma.annotationComment.findMany({
    where: { articleId: access.articleId, annotationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, body: true, createdAt: true, author: PERSON, mentions: { select: { user: PERSON } } },
  });
}

/** A tag's history, oldest first (actor null: Margin itself, e.g. auto-accept). */
export async function listHistory(access: ArticleAccess, annotationId: string) {
  const rows = await prisma.annotationEvent.findMany({
    where: { articleId: access.articleId, annotationId },
    orderBy: { id: "asc" },
    select: { id: true, kind: true, data: true, createdAt: true, actor: PERSON },
  });
  return rows.map((row) => ({ ...row, id: row.id.toString() }));
}

/**
 * The project members a comment names: `@` followed by their email ("@ana@paper.example"), the form the
 * editor's autocomplete writes. Names are not unique, emails are.
 */
export async function resolveMentions(access: ArticleAccess, body: string): Promise<string[]> {
  const emails = [...body.matchAll(/(?:^|[^\w@])@([^\s@]+@[^\s@]+\.[^\s@]*[^\s@.,;:!?)\]"'’”])/gu)].map((match) => match[1]!.toLowerCase());
  if (!emails.length) return [];
  const members = await prisma.membership.findMany({ where: { projectId: access.projectId, user: { email: { in: emails } } }, select: { userId: true } });
  return members.map((member) => member.userId);
}

/** Comments that name the actor, newest first, in projects they are still a member of. */
export async function listMentions(actor: Actor, options: { unseenOnly?: boolean } = {}) {
  const rows = await prisma.commentMention.findMany({
    where: { userId: actor.userId, ...(options.unseenOnly ? { seenAt: null } : {}), comment: { article: { project: { memberships: { some: { userId: actor.userId } } } } } },
    orderBy: { comment: { createdAt: "desc" } },
    take: 200,
    select: {
      seenAt: true,
      comment: { select: { id: true, body: true, createdAt: true, annotationId: true, author: PERSON, article: { select: { id: true, title: true, project: { select: { slug: true, name: true } } } } } },
    },
  });
  return rows.map(({ seenAt, comment }) => ({ ...comment, seenAt }));
}
