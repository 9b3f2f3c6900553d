import Link from "next/link";
import { LABELS } from "@/lib/vocabulary";
import { ARTICLE_STATUS_LABELS } from "@/lib/format";
import type { listReviewQueue } from "@/lib/review/data";
import { LabelCounts, LabelName } from "./label-counts";

type QueueItem = Awaited<ReturnType<typeof listReviewQueue>>["items"][number];

/** The review queue: one row per article, its tags per label by status and who annotated it. */
export function ReviewQueueTable({ slug, items }: { slug: string; items: QueueItem[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Articles awaiting review, with their tags per label by review status</caption>
        <thead className="border-b border-stone-200 bg-stone-50 text-xs text-stone-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Article
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Status
            </th>
            {LABELS.map((label) => (
              <th key={label} scope="col" className="px-3 py-2 font-medium">
                <LabelName label={label} />
              </th>
            ))}
            <th scope="col" className="px-3 py-2 font-medium">
              Annotators
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-200">
          {items.map((item) => (
            <tr key={item.id} className="align-top">
              <th scope="row" className="max-w-64 px-3 py-2 font-medium">
                <Link href={`/projects/${slug}/articles/${item.id}`} className="hover:text-accent hover:underline">
                  {item.title}
                </Link>
              </th>
              <td className="px-3 py-2 whitespace-nowrap">
                <span className="rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-700">{ARTICLE_STATUS_LABELS[item.status]}</span>
              </td>
              {LABELS.map((label) => (
                <td key={label} className="px-3 py-2 whitespace-nowrap">
                  <LabelCounts counts={item.counts[label]} />
                </td>
              ))}
              <td className="px-3 py-2">
                {item.annotators.length === 0 ? (
                  <span className="text-stone-400">nobody yet</span>
                ) : (
                  <ul className="flex flex-col text-xs leading-5">
                    {item.annotators.map((person) => (
                      <li key={person.id} title={person.email}>
                        {person.name ?? person.email}{" "}
                        {person.done && (
                          <span className="text-emerald-800">
                            <span aria-hidden="true">✓</span>
                            <span className="sr-only">(done)</span>
                          </span>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
