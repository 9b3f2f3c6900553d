import "server-only";
import { OffsetIndex } from "@/lib/tags/offsets";
import type { ArticleStatus, Label } from "@/lib/vocabulary";
import type { Actor, ArticleAccess, ProjectAccess } from "@/lib/auth/context";
import { Prisma, prisma } from "@/lib/db/prisma";
import type { AgreementArticle } from "./agreement";
import type { AgreementSuggestion, SuggesterArticle } from "./suggester-agreement";

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
  const members = await prisma.membership.findMany({
    where: { projectId: access.projectId, user: { email: { in: emails } } },
    select: { userId: true },
  });
  return members.map((member) => member.userId);
}

/**
 * Of the given comments, those on tags the actor may see (lib/auth/tag-scope.ts): in a blind project an
 * editor sees comments on their own tags, or on any tag of an article once they are done with it. A
 * colleague can mention them on a tag they may not see yet; the comment waits until they may.
 */
async function visibleComments(actor: Actor, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT c.id FROM annotation_comments c
    JOIN articles a ON a.id = c.article_id
    JOIN projects p ON p.id = a.project_id
    JOIN memberships m ON m.project_id = p.id AND m.user_id = ${actor.userId}
    WHERE c.id = ANY(${ids}::text[]) AND (
      NOT (p.blind_annotation AND m.role = 'editor')
      OR EXISTS (SELECT 1 FROM annotations n WHERE n.id = c.annotation_id AND n.annotator_ids @> ARRAY[${actor.userId}]::text[])
      OR EXISTS (SELECT 1 FROM article_annotators w WHERE w.article_id = c.article_id AND w.user_id = ${actor.userId} AND w.done_at IS NOT NULL))`;
  return new Set(rows.map((row) => row.id));
}

/** Comments that name the actor, newest first, in projects they are still a member of, on tags they may see. */
export async function listMentions(actor: Actor, options: { unseenOnly?: boolean } = {}) {
  const rows = await prisma.commentMention.findMany({
    where: {
      userId: actor.userId,
      ...(options.unseenOnly ? { seenAt: null } : {}),
      comment: { article: { project: { memberships: { some: { userId: actor.userId } } } } },
    },
    orderBy: { comment: { createdAt: "desc" } },
    take: 200,
    select: {
      seenAt: true,
      comment: {
        select: {
          id: true,
          body: true,
          createdAt: true,
          annotationId: true,
          author: PERSON,
          article: { select: { id: true, title: true, project: { select: { slug: true, name: true } } } },
        },
      },
    },
  });
  const visible = await visibleComments(
    actor,
    rows.map((row) => row.comment.id),
  );
  return rows.filter((row) => visible.has(row.comment.id)).map(({ seenAt, comment }) => ({ ...comment, seenAt }));
}

/** What the agreement measures read of an article: its text and its tags with who made them. */
type AgreementRow = {
  id: string;
  text: string;
  done: string[] | null;
  tags: { id: string; label: Label; start: number; end: number; annotators: string[] }[] | null;
};

/**
 * The project's articles as agreement inputs (lib/review/agreement.ts), a batch at a time in id order, so
 * that a project of 1,000s of articles never sits in memory at once. Offsets become UTF-16 code units.
 * Every tag counts, whatever its review status: agreement is about what annotators did, not what was kept.
 */
export async function* readAgreementArticles(
  access: ProjectAccess,
  options: { articleId?: string; batchSize?: number } = {},
): AsyncGenerator<AgreementArticle> {
  const batchSize = options.batchSize ?? 200;
  let after = "";
  for (;;) {
    const rows = await prisma.$queryRaw<AgreementRow[]>`
      SELECT a.id, a.text,
             (SELECT array_agg(w.user_id) FROM article_annotators w WHERE w.article_id = a.id AND w.done_at IS NOT NULL) AS done,
             (SELECT json_agg(json_build_object('id', n.id, 'label', n.label, 'start', n.start, 'end', n."end", 'annotators', n.annotator_ids))
                FROM annotations n WHERE n.article_id = a.id AND n.start IS NOT NULL) AS tags
      FROM articles a
      WHERE a.project_id = ${access.projectId} AND a.id > ${after} ${options.articleId ? Prisma.sql`AND a.id = ${options.articleId}` : Prisma.empty}
      ORDER BY a.id LIMIT ${batchSize}`;
    for (const row of rows) {
      const offsets = new OffsetIndex(row.text);
      const tags = (row.tags ?? []).map((tag) => ({ ...tag, start: offsets.toUtf16(tag.start), end: offsets.toUtf16(tag.end) }));
      const annotators = new Set([...(row.done ?? []), ...tags.flatMap((tag) => tag.annotators)]);
      yield { id: row.id, text: row.text, annotators: [...annotators], tags };
    }
    if (rows.length < batchSize) return;
    after = rows.at(-1)!.id;
  }
}

/**
 * The articles that have suggestions, as inputs of the suggester-vs-annotator figures (suggester-agreement.ts):
 * agreement's article (every tag, UTF-16) with the shared, current suggestions still on their words (SQL's
 * substr counts characters, as the stored code-point offsets do), a batch at a time in id order.
 */
export async function* readSuggesterArticles(
  access: ProjectAccess,
  options: { articleId?: string; batchSize?: number } = {},
): AsyncGenerator<SuggesterArticle> {
  const batchSize = options.batchSize ?? 200;
  let after = "";
  for (;;) {
    const rows = await prisma.$queryRaw<(AgreementRow & { suggestions: AgreementSuggestion[] })[]>`
      SELECT a.id, a.text,
             (SELECT array_agg(w.user_id) FROM article_annotators w WHERE w.article_id = a.id AND w.done_at IS NOT NULL) AS done,
             (SELECT json_agg(json_build_object('id', n.id, 'label', n.label, 'start', n.start, 'end', n."end", 'annotators', n.annotator_ids))
                FROM annotations n WHERE n.article_id = a.id AND n.start IS NOT NULL) AS tags,
             s.suggestions
      FROM articles a
      CROSS JOIN LATERAL (SELECT json_agg(json_build_object('id', s.id, 'suggester', s.suggester, 'version', s.version, 'label', s.label, 'start', s.start, 'end', s."end")
                                          ORDER BY s.start, s."end", s.id) AS suggestions
                          FROM suggestions s WHERE s.article_id = a.id AND s.for_user_id IS NULL AND s.superseded_at IS NULL
                            AND substr(a.text, s.start + 1, s."end" - s.start) = s.text) s
      WHERE a.project_id = ${access.projectId} AND a.id > ${after} AND s.suggestions IS NOT NULL
        ${options.articleId ? Prisma.sql`AND a.id = ${options.articleId}` : Prisma.empty}
      ORDER BY a.id LIMIT ${batchSize}`;
    for (const row of rows) {
      const offsets = new OffsetIndex(row.text);
      const utf16 = <T extends { start: number; end: number }>(item: T): T => ({
        ...item,
        start: offsets.toUtf16(item.start),
        end: offsets.toUtf16(item.end),
      });
      const tags = (row.tags ?? []).map(utf16);
      const annotators = new Set([...(row.done ?? []), ...tags.flatMap((tag) => tag.annotators)]);
      yield { id: row.id, text: row.text, annotators: [...annotators], tags, suggestions: row.suggestions.map(utf16) };
    }
    if (rows.length < batchSize) return;
    after = rows.at(-1)!.id;
  }
}

/** Names and emails of users, for labelling pairs. */
export async function listPeople(ids: string[]) {
  return prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } });
}

/** Titles of articles, for listing disagreements. */
export async function listArticleTitles(ids: string[]) {
  return prisma.article.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } });
}

type QueueRow = {
  id: string;
  title: string;
  status: ArticleStatus;
  updated_at: Date;
  counts: { label: Label; status: string; count: number }[] | null;
  annotators: string[] | null;
  done: string[] | null;
  total: bigint;
};

/**
 * The project's articles awaiting review: in review first, then in progress, then done ones that still
 * have pending tags; with counts of pending, accepted and rejected tags per label and who annotated them.
 */
export async function listReviewQueue(access: ProjectAccess, options: { page: number; pageSize: number; status?: QueueRow["status"] }) {
  const rows = await prisma.$queryRaw<QueueRow[]>`
    WITH counts AS (
      SELECT n.article_id, n.label, n.status, count(*)::int AS count
      FROM annotations n JOIN articles a ON a.id = n.article_id
      WHERE a.project_id = ${access.projectId} AND n.start IS NOT NULL GROUP BY 1, 2, 3
    ), waiting AS (
      SELECT a.id, a.title, a.status, a.updated_at,
             (SELECT coalesce(sum(c.count), 0) FROM counts c WHERE c.article_id = a.id AND c.status = 'pending') AS pending
      FROM articles a WHERE a.project_id = ${access.projectId} ${options.status ? Prisma.sql`AND a.status = ${options.status}::"ArticleStatus"` : Prisma.empty}
    )
    SELECT w.id, w.title, w.status, w.updated_at, count(*) OVER () AS total,
           (SELECT json_agg(json_build_object('label', c.label, 'status', c.status, 'count', c.count)) FROM counts c WHERE c.article_id = w.id) AS counts,
           (SELECT array_agg(DISTINCT u) FROM (SELECT unnest(n.annotator_ids) AS u FROM annotations n WHERE n.article_id = w.id
                                               UNION SELECT x.user_id FROM article_annotators x WHERE x.article_id = w.id) people) AS annotators,
           (SELECT array_agg(x.user_id) FROM article_annotators x WHERE x.article_id = w.id AND x.done_at IS NOT NULL) AS done
    FROM waiting w
    -- Asked for a status: every article in it; otherwise those with work left.
    WHERE ${options.status ? Prisma.sql`TRUE` : Prisma.sql`w.status IN ('in_progress', 'in_review') OR w.pending > 0`}
    ORDER BY CASE w.status WHEN 'in_review' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'new' THEN 2 ELSE 3 END, w.pending DESC, w.updated_at DESC, w.id
    LIMIT ${options.pageSize} OFFSET ${(options.page - 1) * options.pageSize}`;
  const people = new Map(
    (await listPeople([...new Set(rows.flatMap((row) => row.annotators ?? []))])).map((person) => [person.id, person]),
  );
  const items = rows.map((row) => {
    const counts: Record<string, { pending: number; accepted: number; rejected: number }> = {};
    for (const { label, status, count } of row.counts ?? [])
      (counts[label] ??= { pending: 0, accepted: 0, rejected: 0 })[status as "pending"] = count;
    const done = new Set(row.done ?? []);
    return {
      id: row.id,
      title: row.title,
      status: row.status,
      updatedAt: row.updated_at,
      counts,
      annotators: (row.annotators ?? []).map((id) => ({ ...(people.get(id) ?? { id, name: null, email: "" }), done: done.has(id) })),
    };
  });
  return { items, total: Number(rows[0]?.total ?? 0), page: options.page, pageSize: options.pageSize };
}

/** Whether the actor has marked their work on the article done. */
export async function isWorkDone(access: ArticleAccess): Promise<boolean> {
  if (!access.userId) return false;
  const work = await prisma.articleAnnotator.findUnique({
    where: { articleId_userId: { articleId: access.articleId, userId: access.userId } },
    select: { doneAt: true },
  });
  return Boolean(work?.doneAt);
}

/** The comments with unseen mentions of the actor that they may see (in projects they are still in). */
export async function listUnseenMentionIds(actor: Actor): Promise<string[]> {
  const rows = await prisma.commentMention.findMany({
    where: { userId: actor.userId, seenAt: null, comment: { article: { project: { memberships: { some: { userId: actor.userId } } } } } },
    select: { commentId: true },
  });
  const ids = rows.map((row) => row.commentId);
  const visible = await visibleComments(actor, ids);
  return ids.filter((id) => visible.has(id));
}

/** How many mentions of the actor are unseen (the header's count). */
export async function countUnseenMentions(actor: Actor): Promise<number> {
  return (await listUnseenMentionIds(actor)).length;
}
