import "server-only";
import type { ArticleAccess, ProjectAccess } from "@/lib/auth/context";
import { prisma } from "@/lib/db/prisma";

export async function listArticles(access: ProjectAccess, query: { page: number; pageSize: number }) {
  const where = { projectId: access.projectId };
  const [total, rows] = await prisma.$transaction([
    prisma.article.count({ where }),
    prisma.article.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: { id: true, title: true, byline: true, source: true, url: true, publishedAt: true, language: true, status: true, createdAt: true, updatedAt: true, _count: { select: { annotations: true } } },
    }),
  ]);
  const items = rows.map(({ _count, ...article }) => ({ ...article, annotationCount: _count.annotations }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function getArticle(access: ArticleAccess) {
  const { _count, ...article } = await prisma.article.findUniqueOrThrow({
    where: { id: access.articleId },
    select: { id: true, title: true, byline: true, source: true, url: true, publishedAt: true, language: true, status: true, text: true, createdAt: true, updatedAt: true, _count: { select: { annotations: true } } },
  });
  return { ...article, project: { slug: access.slug, name: access.name }, annotationCount: _count.annotations };
}
