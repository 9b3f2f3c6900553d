import Link from "next/link";
import { ArticleSearchForm } from "@/components/articles/article-search-form";
import { ImportPanel } from "@/components/articles/import-panel";
import { Snippet } from "@/components/articles/snippet";
import { ProjectNav } from "@/components/projects/project-nav";
import { listArticles } from "@/lib/articles/data";
import { listArticlesQuerySchema } from "@/lib/articles/schema";
import { projectForPage } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session-gate";
import { ARTICLE_STATUS_LABELS, formatDate } from "@/lib/format";
import { listMemberNames } from "@/lib/members/data";

export default async function ProjectPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string>>;
}) {
  const { slug } = await params;
  const actor = await requireActor(`/projects/${slug}`);
  const access = await projectForPage(actor, slug, "project:read");
  const raw = await searchParams;
  const parsed = listArticlesQuerySchema.safeParse(raw);
  // A hand-edited URL with a bad value shows the unfiltered list rather than an error page.
  const query = parsed.success ? parsed.data : listArticlesQuerySchema.parse({});
  const [{ items, total, page, pageSize }, members] = await Promise.all([listArticles(access, query), listMemberNames(access)]);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (target: number) => `?${new URLSearchParams({ ...raw, page: String(target) })}`;
  const filtered = Boolean(query.q || query.status || query.label || query.annotator);
  return (
    <>
      <ProjectNav access={access} current="articles" />
      {can(access.role, "articles:import") && <ImportPanel slug={slug} />}
      <ArticleSearchForm query={query} people={members.map((member) => member.user)} />
      <p className="mb-4 text-sm text-stone-600" role="status">
        {total} {total === 1 ? "article" : "articles"}
        {filtered && (
          <>
            {" "}
            found ·{" "}
            <Link href={`/projects/${slug}`} className="underline">
              clear search
            </Link>
          </>
        )}
      </p>
      {items.length > 0 && (
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" aria-label="Articles">
          {items.map((article) => (
            <li key={article.id} className="flex flex-col gap-1 p-4">
              <div className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:gap-4">
                <Link href={`/projects/${slug}/articles/${article.id}`} className="font-medium hover:text-accent hover:underline sm:flex-1">
                  {article.title}
                </Link>
                <span className="text-sm text-stone-600">
                  {[article.source, formatDate(article.publishedAt), `${article.wordCount.toLocaleString("en")} words`]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
                <span className="w-fit rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-700">
                  {ARTICLE_STATUS_LABELS[article.status]}
                </span>
              </div>
              {article.snippet && <Snippet text={article.snippet} />}
              {article.annotationCount > 0 && (
                <p className="text-xs text-stone-500">
                  {Object.entries(article.labelCounts)
                    .map(([label, count]) => `${count} ${label}`)
                    .join(" · ")}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {total === 0 && !filtered && <p className="text-stone-600">No articles yet.</p>}
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex items-center gap-4 text-sm">
          {page > 1 && <Link href={pageLink(page - 1)}>← Previous</Link>}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && <Link href={pageLink(page + 1)}>Next →</Link>}
        </nav>
      )}
    </>
  );
}
