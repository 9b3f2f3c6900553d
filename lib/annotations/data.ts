import "server-only";
import type { ArticleAccess, ProjectAccess } from "@/lib/auth/context";
import { prisma } from "@/lib/db/prisma";
import { OffsetIndex, type OffsetUnit } from "./offsets";

const SELECT = {
  id: true,
  articleId: true,
  label: true,
  start: true,
  end: true,
  text: true,
  status: true,
  attributes: true,
  note: true,
  orphanedAt: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true, email: true } },
} as const;

type Row = Awaited<ReturnType<typeof prisma.annotation.findFirstOrThrow<{ select: typeof SELECT }>>>;

/** A tag as the API shows it, its offsets in the requested unit (an orphan has none). */
function view(row: Row, offsets: OffsetIndex, unit: OffsetUnit) {
  const { orphanedAt, start, end, ...rest } = row;
  return {
    ...rest,
    start: start === null ? null : offsets.convert(start, "codepoint", unit),
    end: end === null ? null : offsets.convert(end, "codepoint", unit),
    offsetUnit: unit,
    orphaned: orphanedAt !== null,
    orphanedAt,
  };
}

export type AnnotationView = ReturnType<typeof view>;

/** The article's tags from the projection, in reading order (orphans last). */
export async function listAnnotations(access: ArticleAccess, unit: OffsetUnit): Promise<{ text: string; annotations: AnnotationView[] }> {
  const article = await prisma.article.findUniqueOrThrow({ where: { id: access.articleId }, select: { text: true } });
  const rows = await prisma.annotation.findMany({ where: { articleId: access.articleId }, orderBy: [{ start: { sort: "asc", nulls: "last" } }, { end: "asc" }, { id: "asc" }], select: SELECT });
  const offsets = new OffsetIndex(article.text);
  return { text: article.text, annotations: rows.map((row) => view(row, offsets, unit)) };
}

export async function getAnnotation(access: ArticleAccess, id: string, unit: OffsetUnit): Promise<AnnotationView | null> {
  const row = await prisma.annotation.findFirst({ where: { id, articleId: access.articleId }, select: { ...SELECT, article: { select: { text: true } } } });
  if (!row) return null;
  const { article, ...annotation } = row;
  return view(annotation, new OffsetIndex(article.text), unit);
}

/** Which article a tag belongs to: the pre-authorization lookup for /api/annotations/<id>. */
export async function unsafeFindAnnotationArticle(id: string): Promise<string | null> {
  const row = await prisma.annotation.findUnique({ where: { id }, select: { articleId: true } });
  return row?.articleId ?? null;
}

/** The last words and place of a tag, to restore it when it is orphaned. */
export async function lastPlaceOf(access: ArticleAccess, id: string): Promise<{ text: string; start: number | null } | null> {
  return prisma.annotation.findFirst({ where: { id, articleId: access.articleId }, select: { text: true, start: true } });
}

/** Canonical names of actors already tagged in the project, most used first: suggestions for new actors. */
export async function listActorNames(access: ProjectAccess): Promise<{ name: string; kind: string | null; count: number }[]> {
  return prisma.$queryRaw`
    SELECT n.attributes->>'canonicalName' AS name, max(n.attributes->>'kind') AS kind, count(*)::int AS count
    FROM annotations n JOIN articles a ON a.id = n.article_id
    WHERE a.project_id = ${access.projectId} AND n.label = 'actor' AND coalesce(n.attributes->>'canonicalName', '') <> ''
    GROUP BY 1 ORDER BY count DESC, name LIMIT 200`;
}
