import "server-only";
import type { ArticleAccess, ProjectAccess } from "@/lib/auth/context";
import type { AnnotationLabel, ArticleStatus } from "@/lib/db/generated/enums";
import { Prisma, prisma } from "@/lib/db/prisma";
import type { Artifact } from "./artifacts";
import type { ArticleDoc } from "./content";
import type { ArticleSort, ListArticlesQuery } from "./schema";
import { tagScopeSql } from "@/lib/auth/tag-scope-sql";
import { MATCH_END, MATCH_START } from "./search-marks";
import { comparableUrl, storedSpellings } from "./url/comparable-url";

/**
 * "Best match" puts articles whose title matches the search first, then the newest. A full-text rank
 * (ts_rank) reads every match's whole vector: 60-80 ms on 10,000 articles of 8,000 characters, against a
 * target of 50 ms. This order is cheap, and easy to explain to a user.
 */
function orderBy(sort: ArticleSort, search: Prisma.Sql | null): Prisma.Sql {
  switch (sort) {
    case "relevance":
      return search ? Prisma.sql`(s.title_vector @@ ${search}) DESC, a.created_at DESC, a.id` : Prisma.sql`a.created_at DESC, a.id`;
    case "newest":
      return Prisma.sql`a.created_at DESC, a.id`;
    case "oldest":
      return Prisma.sql`a.created_at ASC, a.id`;
    case "title":
      return Prisma.sql`a.title ASC, a.id`;
    case "published":
      return Prisma.sql`a.published_at DESC NULLS LAST, a.id`;
  }
}

type Row = {
  id: string;
  title: string;
  byline: string | null;
  source: string | null;
  url: string | null;
  published_at: Date | null;
  language: string | null;
  status: ArticleStatus;
  word_count: number;
  created_at: Date;
  updated_at: Date;
  annotation_count: number;
  label_counts: Partial<Record<AnnotationLabel, number>> | null;
  total: bigint;
  snippet: string | null;
};

/**
 * One page of a project's articles: full-text search (websearch syntax over title and text), filters by
 * status, by label (has a tag of it) and by annotator (has a tag by them), in one SQL query.
 */
export async function listArticles(access: ProjectAccess, query: ListArticlesQuery) {
  // The same punctuation folding as the stored vector (see the article_library migration).
  const search = query.q ? Prisma.sql`websearch_to_tsquery('simple'::regconfig, margin_search_text(${query.q}))` : null;
  const conditions = [Prisma.sql`a.project_id = ${access.projectId}`];
  if (search) conditions.push(Prisma.sql`s.vector @@ ${search}`);
  if (query.status) conditions.push(Prisma.sql`a.status = ${query.status}::"ArticleStatus"`);
  // Semi-joins rather than a subquery per article: PostgreSQL hashes the tagged articles once.
  // Counts and tag filters see only the tags the reader may (a blind project's annotator: their own).
  const visible = tagScopeSql(access.tagScope);
  if (query.label)
    conditions.push(
      Prisma.sql`a.id IN (SELECT n.article_id FROM annotations n WHERE n.label = ${query.label}::"AnnotationLabel" AND ${visible})`,
    );
  if (query.annotator) {
    // Resolved first, so that the planner sees a constant author and uses its statistics for the plan.
    const annotator = await prisma.user.findFirst({
      where: { OR: [{ id: query.annotator }, { email: query.annotator.toLowerCase() }] },
      select: { id: true },
    });
    if (!annotator) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    conditions.push(
      Prisma.sql`a.id IN (SELECT n.article_id FROM annotations n WHERE ${annotator.id} = ANY(n.annotator_ids) AND ${visible})`,
    );
  }
  const sort = query.sort ?? (search ? "relevance" : "newest");
  // The page is chosen on narrow columns first; texts are read only for its rows (for the snippets).
  const rows = await prisma.$queryRaw<Row[]>`
    WITH page AS (
      SELECT a.id, row_number() OVER (ORDER BY ${orderBy(sort, search)}) AS position, count(*) OVER () AS total
      FROM articles a ${search ? Prisma.sql`JOIN article_search s ON s.article_id = a.id` : Prisma.empty}
      WHERE ${Prisma.join(conditions, " AND ")}
      ORDER BY position
      LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}
    )
    SELECT a.id, a.title, a.byline, a.source, a.url, a.published_at, a.language, a.status, a.word_count, a.created_at, a.updated_at, page.total,
           ${search ? Prisma.sql`ts_headline('simple'::regconfig, left(a.text, 300000), ${search}, ${`MaxFragments=1, MaxWords=28, MinWords=12, StartSel=${MATCH_START}, StopSel=${MATCH_END}`})` : Prisma.sql`NULL`} AS snippet,
           (SELECT count(*)::int FROM annotations n WHERE n.article_id = a.id AND ${visible}) AS annotation_count,
           (SELECT jsonb_object_agg(label, c) FROM (SELECT n.label, count(*)::int AS c FROM annotations n WHERE n.article_id = a.id AND ${visible} GROUP BY n.label) counts) AS label_counts
    FROM page JOIN articles a ON a.id = page.id
    ORDER BY page.position`;
  const total = Number(rows[0]?.total ?? 0);
  const items = rows.map((row) => ({
    id: row.id,
    title: row.title,
    byline: row.byline,
    source: row.source,
    url: row.url,
    publishedAt: row.published_at,
    language: row.language,
    status: row.status,
    wordCount: row.word_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    annotationCount: row.annotation_count,
    labelCounts: row.label_counts ?? {},
    ...(search ? { snippet: row.snippet } : {}),
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function getArticle(access: ArticleAccess) {
  const { _count, removedArtifacts, content, ...article } = await prisma.article.findUniqueOrThrow({
    where: { id: access.articleId },
    select: {
      id: true,
      title: true,
      byline: true,
      source: true,
      url: true,
      publishedAt: true,
      language: true,
      status: true,
      text: true,
      content: true,
      wordCount: true,
      removedArtifacts: true,
      origin: true,
      createdAt: true,
      updatedAt: true,
      _count: { select: { annotations: true } },
    },
  });
  return {
    ...article,
    content: content as ArticleDoc,
    removedArtifacts: removedArtifacts as Artifact[],
    project: { slug: access.slug, name: access.name },
    annotationCount: _count.annotations,
  };
}

/**
 * The project's article at this address, if any, compared as comparableUrl does. Stored addresses are kept
 * as given, so SQL finds the candidates (case and fragment folded), and the exact rule picks among them.
 */
export async function findArticleWithUrl(access: ProjectAccess, url: string): Promise<{ id: string; title: string } | null> {
  const key = comparableUrl(url);
  if (!key) return null;
  const candidates = await prisma.$queryRaw<{ id: string; title: string; url: string }[]>`
    SELECT id, title, url FROM articles
    WHERE project_id = ${access.projectId} AND url IS NOT NULL AND lower(split_part(url, '#', 1)) IN (${Prisma.join(storedSpellings(key))})
    ORDER BY created_at, id`;
  const found = candidates.find((candidate) => comparableUrl(candidate.url) === key);
  return found ? { id: found.id, title: found.title } : null;
}
