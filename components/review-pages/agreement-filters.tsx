import Link from "next/link";
import { LABELS } from "@/lib/vocabulary";
import { agreementHref, labelName, METRIC_NAMES, METRICS, type AgreementParams } from "./agreement-params";

type ArticleOption = { id: string; title: string };

/**
 * The figures' filters as a plain GET form (it works before any script loads), and the metric switch as
 * links. The article picker offers the most recent articles only: a project can hold thousands.
 */
export function AgreementFilters({
  slug,
  params,
  articles,
  moreArticles,
}: {
  slug: string;
  params: AgreementParams;
  articles: ArticleOption[];
  moreArticles: boolean;
}) {
  const listed = !params.article || articles.some((article) => article.id === params.article);
  return (
    <div className="mb-6 flex flex-col gap-4">
      <form
        method="get"
        action={`/projects/${slug}/agreement`}
        className="flex flex-col gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:flex-row sm:flex-wrap sm:items-end"
      >
        {params.metric !== "kappa" && <input type="hidden" name="metric" value={params.metric} />}
        <div className="flex flex-col gap-1 sm:min-w-64 sm:flex-1">
          <label htmlFor="agreement-article" className="text-sm font-medium">
            Article
          </label>
          <select
            id="agreement-article"
            name="article"
            defaultValue={params.article ?? ""}
            aria-describedby={moreArticles ? "agreement-article-hint" : undefined}
            className="min-h-10 w-full rounded-md border border-stone-300 bg-white px-2 text-base sm:text-sm"
          >
            <option value="">All articles</option>
            {!listed && <option value={params.article}>The article in the link</option>}
            {articles.map((article) => (
              <option key={article.id} value={article.id}>
                {article.title}
              </option>
            ))}
          </select>
          {moreArticles && (
            <p id="agreement-article-hint" className="text-xs text-stone-500">
              The {articles.length} most recent articles.
            </p>
          )}
        </div>
        <fieldset className="flex flex-col gap-1">
          <legend className="text-sm font-medium">Labels</legend>
          <div className="flex min-h-10 flex-wrap items-center gap-x-4 gap-y-1 text-sm">
            {LABELS.map((label) => (
              <label key={label} className="flex items-center gap-1.5">
                <input
                  type="checkbox"
                  name="labels"
                  value={label}
                  defaultChecked={!params.labels || params.labels.includes(label)}
                  className="size-4 accent-accent"
                />
                {labelName(label)}
              </label>
            ))}
          </div>
        </fieldset>
        <button
          type="submit"
          className="inline-flex min-h-10 items-center justify-center rounded-md border border-stone-300 bg-white px-4 text-sm font-medium hover:bg-stone-100"
        >
          Apply
        </button>
      </form>
      <nav aria-label="Figure shown" className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-stone-600">Show:</span>
        {METRICS.map((metric) => (
          <Link
            key={metric}
            href={agreementHref(slug, params, { metric })}
            aria-current={params.metric === metric ? "true" : undefined}
            className={`rounded-md border px-3 py-1 ${params.metric === metric ? "border-accent bg-sky-50 font-medium text-accent" : "border-stone-300 bg-white hover:bg-stone-100"}`}
          >
            {METRIC_NAMES[metric]}
          </Link>
        ))}
      </nav>
    </div>
  );
}
