import Link from "next/link";
import { ProjectNav } from "@/components/projects/project-nav";
import { listArticles } from "@/lib/articles/data";
import { listArticlesQuerySchema } from "@/lib/articles/schema";
import { projectForPage } from "@/lib/auth/page-access";
import { requireActor } from "@/lib/auth/session-gate";
import { ARTICLE_STATUS_LABELS, formatDate } from "@/lib/format";

export default async function ProjectPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string>> }) {
  const { slug } = await params;
  const actor = await requireActor(`/projects/${slug}`);
  const access = await projectForPage(actor, slug, "project:read");
  const query = listArticlesQuerySchema.safeParse(await searchParams);
  const { items, total, page, pageSize } = await listArticles(access, query.success ? query.data : { page: 1, pageSize: 50 });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <>
      <ProjectNav access={access} current="articles" />
      <p className="mb-4 text-sm text-stone-600">
        {total} {total === 1 ? "article" : "articles"}
      </p>
      {items.length === 0 ? (
        <p className="text-stone-600">No articles yet.</p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {items.map((article) => (
            <li key={article.id} className="flex flex-col gap-1 p-4 sm:flex-row sm:items-baseline sm:gap-4">
              <Link href={`/projects/${slug}/articles/${article.id}`} className="font-medium hover:text-accent hover:underline sm:flex-1">
                {article.title}
              </Link>
              <span className="text-sm text-stone-600">{[article.source, formatDate(article.publishedAt)].filter(Boolean).join(" · ")}</span>
              <span className="w-fit rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-700">{ARTICLE_STATUS_LABELS[article.status]}</span>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex items-center gap-4 text-sm">
          {page > 1 && <Link href={`?page=${page - 1}`}>← Previous</Link>}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && <Link href={`?page=${page + 1}`}>Next →</Link>}
        </nav>
      )}
    </>
  );
}
