import Link from "next/link";
import { Quoted } from "@/components/ui/quoted";
import type { TimelineItem } from "@/lib/actors/data";
import { formatDate } from "@/lib/format";
import { LABEL_STYLES } from "@/lib/tags/label-styles";

const STATUS = {
  pending: { text: "pending", className: "bg-stone-100 text-stone-700" },
  accepted: { text: "✓ accepted", className: "bg-emerald-100 text-emerald-900" },
  rejected: { text: "✗ rejected", className: "bg-red-100 text-red-900" },
} as const;

type ArticleGroup = { articleId: string; title: string; publishedAt: Date | null; items: TimelineItem[] };

/** Items arrive in the articles' order of publication: consecutive items of one article make its group. */
export function groupByArticle(items: readonly TimelineItem[]): ArticleGroup[] {
  const groups: ArticleGroup[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last?.articleId === item.articleId) last.items.push(item);
    else groups.push({ articleId: item.articleId, title: item.articleTitle, publishedAt: item.publishedAt, items: [item] });
  }
  return groups;
}

/** Where the editor opens with the tag selected. */
export const tagHref = (slug: string, articleId: string, tagId: string) =>
  `/projects/${slug}/articles/${articleId}?tag=${encodeURIComponent(tagId)}`;

function Item({ slug, item }: { slug: string; item: TimelineItem }) {
  const kind = item.kind === "mention" ? "Mention" : LABEL_STYLES[item.kind].name;
  return (
    <li className="flex flex-col gap-1 py-2" data-kind={item.kind}>
      <p className="flex flex-wrap items-baseline gap-2 text-xs text-stone-600">
        <span className="font-medium text-ink uppercase">{kind}</span>
        <span className={`rounded px-1.5 ${STATUS[item.status].className}`}>{STATUS[item.status].text}</span>
        {item.kind === "quote" && item.direct !== null && <span>{item.direct ? "direct" : "indirect"}</span>}
        {item.by && (
          <span>
            by <Quoted text={item.by} />
          </span>
        )}
      </p>
      <Link href={tagHref(slug, item.articleId, item.id)} className="font-serif hover:text-accent hover:underline">
        {item.start === null ? <em className="text-stone-500">orphaned: {item.text}</em> : <Quoted text={item.text} />}
      </Link>
      {item.figures.length > 0 && (
        <ul aria-label="Figures" className="flex flex-wrap gap-2 text-xs">
          {item.figures.map((figure) => (
            <li key={figure.id} className="rounded bg-emerald-50 px-1.5 text-emerald-900">
              {figure.text}
              {figure.value !== null && (
                <span className="text-emerald-700">
                  {" "}
                  = {figure.value.toLocaleString("en")}
                  {figure.unit ? ` ${figure.unit}` : ""}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The actor page's timeline: each article (title and date) with the record's mentions, quotes and claims in it. */
export function ActorTimeline({ slug, items }: { slug: string; items: readonly TimelineItem[] }) {
  return (
    <ol aria-label="Timeline" className="flex flex-col gap-4">
      {groupByArticle(items).map((group) => (
        <li key={group.articleId} className="rounded-lg border border-stone-200 bg-white p-4">
          <h3 className="font-medium">
            <Link href={`/projects/${slug}/articles/${group.articleId}`} className="hover:text-accent hover:underline">
              {group.title}
            </Link>
          </h3>
          <p className="text-xs text-stone-500">
            {group.publishedAt ? <time dateTime={group.publishedAt.toISOString()}>{formatDate(group.publishedAt)}</time> : "undated"}
          </p>
          <ul className="divide-y divide-stone-100">
            {group.items.map((item) => (
              <Item key={`${item.kind}:${item.id}`} slug={slug} item={item} />
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
