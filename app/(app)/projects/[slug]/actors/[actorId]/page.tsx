import Link from "next/link";
import { notFound } from "next/navigation";
import { ActorFacts } from "@/components/actors/actor-facts";
import { ActorHistory } from "@/components/actors/actor-history";
import { CoActors, FiguresCited } from "@/components/actors/actor-related";
import { ActorTimeline } from "@/components/actors/actor-timeline";
import { EditActorForm } from "@/components/actors/edit-actor-form";
import { MergeActorForm } from "@/components/actors/merge-actor-form";
import { MergedRecords } from "@/components/actors/merged-records";
import { SplitButton } from "@/components/actors/split-button";
import { TimelineFilters, type TimelineArticle } from "@/components/actors/timeline-filters";
import { ProjectNav } from "@/components/projects/project-nav";
import { timelineQuerySchema } from "@/lib/actors/api";
import { actorTimeline, getActorRecord, listActorNames, TIMELINE_LIMIT } from "@/lib/actors/data";
import { actorIdSchema } from "@/lib/actors/schema";
import { projectForPage } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session-gate";
import type { ActorKind } from "@/lib/vocabulary";

export const metadata = { title: "Actor" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/**
 * One actor record: its fields (editable by those who tag), what was merged into it (each can be split off
 * by reviewers and owners), its history, and its timeline: every mention of it, quote it speaks and claim it
 * is the source of, by article, under the reader's blind rule. A merged record's page says which record its
 * tags count for and links there.
 */
export default async function ActorPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; actorId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug, actorId } = await params;
  const user = await requireActor(`/projects/${slug}/actors/${actorId}`);
  const access = await projectForPage(user, slug, "project:read");
  const record = actorIdSchema.safeParse(actorId).success ? await getActorRecord(access, actorId) : null;
  if (!record) notFound();
  const canEdit = can(access.role, "annotations:create");
  const canReview = can(access.role, "annotations:review");
  const path = `/projects/${slug}/actors/${record.id}`;
  const merged = record.rootId !== record.id;
  const { mergedInto: root, parent } = record;

  const raw = await searchParams;
  const status = timelineQuerySchema.shape.status.safeParse(first(raw.status));
  const article = timelineQuerySchema.shape.article.safeParse(first(raw.article));
  const problems = [status, article].flatMap((parsed) => (parsed.success ? [] : [parsed.error.issues[0]?.message]));
  const filters = { status: status.success ? status.data : undefined, articleId: article.success ? article.data : undefined };
  const [timeline, unfiltered, names] = merged
    ? [null, null, []]
    : await Promise.all([
        actorTimeline(access, record.id, filters),
        // The article picker lists every article of the record's items, not only the one picked.
        filters.articleId ? actorTimeline(access, record.id, { status: filters.status }) : null,
        canReview ? listActorNames(access) : [],
      ]);
  const articles = new Map<string, TimelineArticle>();
  for (const item of (unfiltered ?? timeline)?.items ?? [])
    articles.set(item.articleId, { id: item.articleId, title: item.articleTitle, publishedAt: item.publishedAt });

  return (
    <>
      <ProjectNav access={access} current="actors" />
      <p className="text-sm text-stone-500">
        <Link href={`/projects/${slug}/actors`} className="hover:underline">
          Actors
        </Link>{" "}
        /
      </p>
      <h2 className="mb-4 text-xl font-semibold">{record.name}</h2>
      {merged && root && parent && (
        <div role="note" className="mb-6 flex flex-wrap items-center gap-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p>
            Merged into{" "}
            <Link href={`/projects/${slug}/actors/${parent.id}`} className="font-medium underline">
              {parent.name}
            </Link>
            {root.id !== parent.id && (
              <>
                , itself merged into{" "}
                <Link href={`/projects/${slug}/actors/${root.id}`} className="font-medium underline">
                  {root.name}
                </Link>
              </>
            )}
            : its tags count for {root.name}, whose page lists them.
          </p>
          {canReview && <SplitButton slug={slug} id={record.id} name={record.name} from={parent.name} />}
        </div>
      )}
      <div className="flex flex-col gap-8 lg:flex-row lg:items-start">
        <div className="flex min-w-0 flex-1 flex-col gap-6">
          <ActorFacts record={record} />
          {canEdit && <EditActorForm slug={slug} id={record.id} values={{ ...record, kind: record.kind as ActorKind | null }} />}
          {timeline && (
            <section aria-labelledby="timeline-heading">
              <h2 id="timeline-heading" className="mb-2 font-medium">
                Timeline
              </h2>
              <TimelineFilters action={path} status={filters.status} article={filters.articleId} articles={[...articles.values()]} />
              {problems.length > 0 && (
                <p role="note" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  Part of the link was not understood and is ignored ({problems.join("; ")}).
                </p>
              )}
              {timeline.truncated && (
                <p role="note" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  Only the first {TIMELINE_LIMIT.toLocaleString("en")} items are shown: filter by status or article to see the rest.
                </p>
              )}
              {timeline.items.length > 0 ? (
                <ActorTimeline slug={slug} items={timeline.items} />
              ) : (
                <p className="rounded-lg border border-dashed border-stone-300 p-6 text-center text-stone-600">
                  {filters.status || filters.articleId
                    ? "Nothing of this record matches these filters."
                    : "No tag you can see names this record yet."}
                </p>
              )}
            </section>
          )}
          <ActorHistory slug={slug} history={record.history} />
        </div>
        <aside aria-label="About this record" className="flex w-full flex-col gap-6 lg:w-80">
          {timeline && <CoActors slug={slug} coActors={timeline.coActors} />}
          {timeline && <FiguresCited slug={slug} items={timeline.items} />}
          {!merged && <MergedRecords slug={slug} name={record.name} merged={record.merged} canSplit={canReview} />}
          {!merged && canReview && <MergeActorForm slug={slug} id={record.id} name={record.name} records={names} />}
        </aside>
      </div>
    </>
  );
}
