import { formatDate } from "@/lib/format";
import { TAG_STATUSES, type TagStatus } from "@/lib/vocabulary";

export type TimelineArticle = { id: string; title: string; publishedAt: Date | null };

const selectClass = "min-h-10 w-full rounded-md border border-stone-300 bg-white px-2 text-base sm:text-sm";

/**
 * The timeline's filters as a plain GET form (?status=&article=), which works before any script loads. The
 * articles offered are those the record's items are in.
 */
export function TimelineFilters({
  action,
  status,
  article,
  articles,
}: {
  action: string;
  status: TagStatus | undefined;
  article: string | undefined;
  articles: TimelineArticle[];
}) {
  const listed = !article || articles.some((entry) => entry.id === article);
  return (
    <form
      method="get"
      action={action}
      aria-label="Filter the timeline"
      className="mb-4 flex flex-col gap-3 rounded-lg border border-stone-200 bg-white p-3 sm:flex-row sm:items-end"
    >
      <label className="flex flex-col gap-1 text-sm font-medium sm:w-44">
        Review status
        <select name="status" defaultValue={status ?? ""} className={selectClass}>
          <option value="">Any status</option>
          {TAG_STATUSES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-1 flex-col gap-1 text-sm font-medium">
        Article
        <select name="article" defaultValue={article ?? ""} className={selectClass}>
          <option value="">All articles</option>
          {!listed && <option value={article}>The article in the link</option>}
          {articles.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.title}
              {entry.publishedAt ? ` (${formatDate(entry.publishedAt)})` : ""}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        className="inline-flex min-h-10 items-center justify-center rounded-md border border-stone-300 bg-white px-4 text-sm font-medium hover:bg-stone-100"
      >
        Apply
      </button>
    </form>
  );
}
