import Link from "next/link";
import { ProjectNav } from "@/components/projects/project-nav";
import { ReviewQueueTable } from "@/components/review-pages/review-queue-table";
import { projectForPage } from "@/lib/auth/page-access";
import { requireActor } from "@/lib/auth/session-gate";
import { ARTICLE_STATUS_LABELS } from "@/lib/format";
import { listReviewQueue } from "@/lib/review/data";
import { reviewQueueQuerySchema } from "@/lib/review/queue-query";
import { ARTICLE_STATUSES } from "@/lib/vocabulary";

export const metadata = { title: "Review" };

/** Articles awaiting review (reviewers and owners; others get the 403 page). */
export default async function ReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const actor = await requireActor(`/projects/${slug}/review`);
  const access = await projectForPage(actor, slug, "annotations:review");
  const raw = await searchParams;
  // Only the page's own parameters: the schema is strict, and a stray one must not hide the queue.
  const parsed = reviewQueueQuerySchema.safeParse({ status: raw.status || undefined, page: raw.page || undefined });
  const query = parsed.success ? parsed.data : reviewQueueQuerySchema.parse({});
  const { items, total, page, pageSize } = await listReviewQueue(access, query);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (changes: { status?: string; page?: number }) => {
    const next = new URLSearchParams();
    const status = "status" in changes ? changes.status : query.status;
    if (status) next.set("status", status);
    if (changes.page && changes.page > 1) next.set("page", String(changes.page));
    return `/projects/${slug}/review${next.size ? `?${next}` : ""}`;
  };
  const filter = (label: string, status: string | undefined) => {
    const active = query.status === status;
    return (
      <li key={label}>
        <Link
          href={link({ status })}
          aria-current={active ? "page" : undefined}
          className={`inline-block rounded-md border px-3 py-1 ${active ? "border-accent bg-sky-50 font-medium text-accent" : "border-stone-300 bg-white hover:bg-stone-100"}`}
        >
          {label}
        </Link>
      </li>
    );
  };
  return (
    <>
      <ProjectNav access={access} current="review" />
      <nav aria-label="Filter by status" className="mb-4">
        <ul className="flex flex-wrap gap-2 text-sm">
          {filter("Awaiting review", undefined)}
          {ARTICLE_STATUSES.map((status) => filter(ARTICLE_STATUS_LABELS[status], status))}
        </ul>
      </nav>
      {!parsed.success && (
        <p role="note" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The link had a filter this page does not understand ({parsed.error.issues[0]?.message}): showing the whole queue.
        </p>
      )}
      <p className="mb-4 text-sm text-stone-600" role="status">
        {total} {total === 1 ? "article" : "articles"}
        {query.status ? ` with status “${ARTICLE_STATUS_LABELS[query.status]}”` : " in review, in progress, or with tags still pending"}
      </p>
      {items.length > 0 ? (
        <ReviewQueueTable slug={slug} items={items} />
      ) : (
        <p className="rounded-lg border border-dashed border-stone-300 p-6 text-center text-stone-600">
          {query.status
            ? "No articles with this status."
            : "Nothing awaits review: no article is in progress or in review, and no tag is pending."}
        </p>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex items-center gap-4 text-sm">
          {page > 1 && <Link href={link({ page: page - 1 })}>← Previous</Link>}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && <Link href={link({ page: page + 1 })}>Next →</Link>}
        </nav>
      )}
    </>
  );
}
