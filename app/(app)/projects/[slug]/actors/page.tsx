import Link from "next/link";
import { ActorTable } from "@/components/actors/actor-table";
import { defaultOrder, listHref, PAGE_SIZE, parseListParams } from "@/components/actors/list-params";
import { NewActorForm } from "@/components/actors/new-actor-form";
import { ProjectNav } from "@/components/projects/project-nav";
import { listActors } from "@/lib/actors/api";
import { projectForPage } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session-gate";

export const metadata = { title: "Actors" };

/**
 * The project's actor registry: its records with their counts of mentions, quotes, claims and articles
 * (under the reader's blind rule: a blind annotator counts only what they may see), searchable by names and
 * aliases, sorted by any column. Everyone in the project reads it; those who tag add records.
 */
export default async function ActorsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const user = await requireActor(`/projects/${slug}/actors`);
  const access = await projectForPage(user, slug, "project:read");
  const query = parseListParams(await searchParams);
  const { actors, total } = await listActors(access, {
    q: query.q || undefined,
    sort: query.sort,
    order: query.order,
    limit: PAGE_SIZE,
    offset: (query.page - 1) * PAGE_SIZE,
  });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <>
      <ProjectNav access={access} current="actors" />
      {can(access.role, "annotations:create") && <NewActorForm slug={slug} />}
      <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-end">
        <form method="get" action={`/projects/${slug}/actors`} role="search" className="flex flex-1 items-end gap-2">
          {query.sort !== "mentions" && <input type="hidden" name="sort" value={query.sort} />}
          {query.order !== defaultOrder(query.sort) && <input type="hidden" name="order" value={query.order} />}
          <label className="flex flex-1 flex-col gap-1 text-sm font-medium">
            Search names and aliases
            <input
              type="search"
              name="q"
              defaultValue={query.q}
              maxLength={200}
              className="min-h-10 w-full rounded-md border border-stone-300 bg-white px-3 text-base font-normal sm:text-sm"
            />
          </label>
          <button
            type="submit"
            className="inline-flex min-h-10 items-center rounded-md border border-stone-300 bg-white px-4 text-sm font-medium hover:bg-stone-100"
          >
            Search
          </button>
        </form>
        <Link href={`/projects/${slug}/actors/checks`} className="text-sm text-accent underline sm:pb-2">
          Registry checks →
        </Link>
      </div>
      {query.problems.length > 0 && (
        <p role="note" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Part of the link was not understood and is ignored ({query.problems.join("; ")}).
        </p>
      )}
      {/* Past the last page the count is unknown (the query counts the rows it returns). */}
      <p className="mb-4 text-sm text-stone-600" role="status" hidden={actors.length === 0 && query.page > 1}>
        {total} {total === 1 ? "record" : "records"}
        {query.q && <> matching “{query.q}”</>}
        {query.q && (
          <>
            {" "}
            · <Link href={listHref(slug, query, { q: "", page: 1 })}>show all</Link>
          </>
        )}
      </p>
      {actors.length > 0 ? (
        <ActorTable slug={slug} params={query} actors={actors} />
      ) : (
        <p className="rounded-lg border border-dashed border-stone-300 p-6 text-center text-stone-600">
          {query.q
            ? "No record has this name or alias."
            : query.page > 1
              ? "No records on this page."
              : "No actor records yet: they are made when an actor tag is given a record, or here with “New actor”."}
        </p>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex items-center gap-4 text-sm">
          {query.page > 1 && <Link href={listHref(slug, query, { page: query.page - 1 })}>← Previous</Link>}
          <span>
            Page {query.page} of {pages}
          </span>
          {query.page < pages && <Link href={listHref(slug, query, { page: query.page + 1 })}>Next →</Link>}
        </nav>
      )}
    </>
  );
}
