import { ARTICLE_SORTS, type ListArticlesQuery } from "@/lib/articles/schema";
import { ARTICLE_STATUSES, LABELS } from "@/lib/vocabulary";
import { ARTICLE_STATUS_LABELS } from "@/lib/format";

const selectClass = "min-h-10 max-w-full min-w-0 rounded-md border border-stone-300 bg-white px-2 text-sm";

const SORT_LABELS: Record<(typeof ARTICLE_SORTS)[number], string> = {
  relevance: "Best match",
  newest: "Newest",
  oldest: "Oldest",
  title: "Title",
  published: "Published date",
};

/** Search and filters as a plain GET form: the URL holds the query, so results can be bookmarked and shared. */
export function ArticleSearchForm({
  query,
  people,
}: {
  query: Partial<ListArticlesQuery>;
  people: { id: string; name: string | null; email: string }[];
}) {
  return (
    <form role="search" aria-label="Articles" className="mb-4 flex flex-wrap items-end gap-2">
      <div className="flex min-w-56 flex-1 flex-col gap-1">
        <label htmlFor="article-q" className="text-sm font-medium">
          Search
        </label>
        <input
          id="article-q"
          name="q"
          type="search"
          defaultValue={query.q}
          placeholder='Words, or "an exact phrase"'
          className="min-h-10 rounded-md border border-stone-300 bg-white px-3 text-base sm:text-sm"
        />
      </div>
      <select name="status" defaultValue={query.status ?? ""} aria-label="Status" className={selectClass}>
        <option value="">Any status</option>
        {ARTICLE_STATUSES.map((status) => (
          <option key={status} value={status}>
            {ARTICLE_STATUS_LABELS[status]}
          </option>
        ))}
      </select>
      <select name="label" defaultValue={query.label ?? ""} aria-label="Has tags of" className={selectClass}>
        <option value="">Any tags</option>
        {LABELS.map((label) => (
          <option key={label} value={label}>
            Has {label} tags
          </option>
        ))}
      </select>
      <select name="annotator" defaultValue={query.annotator ?? ""} aria-label="Tagged by" className={selectClass}>
        <option value="">Anyone</option>
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            Tagged by {person.name ?? person.email}
          </option>
        ))}
      </select>
      <select name="sort" defaultValue={query.sort ?? ""} aria-label="Sort" className={selectClass}>
        <option value="">{query.q ? SORT_LABELS.relevance : SORT_LABELS.newest}</option>
        {ARTICLE_SORTS.map((sort) => (
          <option key={sort} value={sort}>
            {SORT_LABELS[sort]}
          </option>
        ))}
      </select>
      <button type="submit" className="min-h-10 rounded-md bg-accent px-4 text-sm font-medium text-white hover:bg-sky-900">
        Search
      </button>
    </form>
  );
}
