/**
 * Reads of the actor registry: the Actors list with its counts, one record with its merges and history,
 * the actor page's timeline, the names the details form offers. Every count and every tag read here goes
 * through the reader's tag scope (lib/auth/tag-scope-sql.ts): a blind annotator learns nothing through the
 * registry of tags they may not see yet. A merged record's tags count for its root (`root_id`).
 */
import "server-only";
import { prisma, Prisma } from "@/lib/db/prisma";
import type { ProjectAccess } from "@/lib/auth/context";
import { tagScopeSql } from "@/lib/auth/tag-scope-sql";
import type { TagStatus } from "@/lib/vocabulary";

export type ActorSort = "name" | "mentions" | "quotes" | "claims" | "articles";

export type ActorListRow = {
  id: string;
  name: string;
  aliases: string[];
  kind: string | null;
  externalId: string | null;
  mentions: number;
  quotes: number;
  claims: number;
  articles: number;
};

/**
 * Tags of the project under the reader's scope that name a record (alias n), each with the root it counts
 * for: the one place that says what "an actor's mention" is.
 */
function mentionsSql(access: ProjectAccess, roots: Prisma.Sql | null, where: Prisma.Sql = Prisma.sql`TRUE`, counting = false): Prisma.Sql {
  // Counting needs only what the registry's covering index holds (see the actor_registry migration): read
  // from the index alone, without visiting 30,000 tags scattered over the table.
  const columns = counting
    ? Prisma.sql`r.root_id, n.id, n.article_id`
    : Prisma.sql`r.root_id, n.id, n.article_id, n.text, n.start, n."end", n.status, n.attributes->>'kind' AS kind`;
  return Prisma.sql`
    SELECT ${columns}
    FROM annotations n
    JOIN actor_records r ON r.id = n.attributes->>'actorId' AND r.project_id = ${access.projectId}
    WHERE n.label = 'actor' AND ${tagScopeSql(access.tagScope)} AND ${where} ${roots ? Prisma.sql`AND r.root_id IN (${roots})` : Prisma.empty}`;
}

/**
 * The quotes and claims that name one of the mentions `m` as their speaker or source, with the mention's
 * root and words. Two joins, each free to probe its index per mention (an actor with few tags) or to hash
 * every quote (a list of all actors): one join over a union of both was always hashed, reading every quote
 * for an actor with seven mentions. The article test is written `IS NOT DISTINCT FROM` (the same for these
 * non-null ids) so that PostgreSQL finds the tags by the speaker and source indexes alone: as `=` it also
 * read the article's index for every mention and intersected the two (BitmapAnd), three times slower on
 * the most quoted actor's page.
 */
function saidSql(access: ProjectAccess, counting = false): Prisma.Sql {
  // Counted, from the speaker and source indexes alone (they cover what this reads).
  if (counting)
    return Prisma.sql`
      SELECT m.root_id, 'quote' AS label
      FROM annotations q JOIN m ON m.id = q.attributes->>'speakerId' AND m.article_id IS NOT DISTINCT FROM q.article_id
      WHERE q.label = 'quote' AND ${tagScopeSql(access.tagScope, "q")}
      UNION ALL
      SELECT m.root_id, 'claim'
      FROM annotations c JOIN m ON m.id = c.attributes->>'sourceId' AND m.article_id IS NOT DISTINCT FROM c.article_id
      WHERE c.label = 'claim' AND ${tagScopeSql(access.tagScope, "c")}`;
  return Prisma.sql`
    SELECT m.root_id, m.text AS by, q.id, 'quote' AS label, q.article_id, q.start, q."end", q.text, q.status,
      (q.attributes->>'direct')::boolean AS direct
    FROM annotations q JOIN m ON m.id = q.attributes->>'speakerId' AND m.article_id IS NOT DISTINCT FROM q.article_id
    WHERE q.label = 'quote' AND ${tagScopeSql(access.tagScope, "q")}
    UNION ALL
    SELECT m.root_id, m.text, c.id, 'claim', c.article_id, c.start, c."end", c.text, c.status, NULL
    FROM annotations c JOIN m ON m.id = c.attributes->>'sourceId' AND m.article_id IS NOT DISTINCT FROM c.article_id
    WHERE c.label = 'claim' AND ${tagScopeSql(access.tagScope, "c")}`;
}

/**
 * The project's records (roots) with their counts; `q` searches names and aliases. The records are chosen
 * first: a search, or a page in name order, counts the tags of those records only, where counting every
 * record's tags (a scan of every actor tag, quote and claim of the project) is needed only to sort by a count.
 */
export async function listActorRecords(
  access: ProjectAccess,
  options: { q?: string; sort?: ActorSort; order?: "asc" | "desc"; limit?: number; offset?: number } = {},
): Promise<{ actors: ActorListRow[]; total: number }> {
  const q = options.q?.trim().toLocaleLowerCase() ?? "";
  const pattern = `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  const sort = options.sort ?? "mentions";
  const order = Prisma.raw((options.order ?? (sort === "name" ? "asc" : "desc")) === "asc" ? "ASC" : "DESC");
  const column = Prisma.raw(sort === "name" ? "lower(r.name)" : sort);
  const limit = options.limit ?? 100;
  const offset = options.offset ?? 0;
  // Names and aliases of records merged into a root find it too.
  const search = q
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM actor_records s WHERE s.root_id = r.id
        AND (lower(s.name) LIKE ${pattern} OR EXISTS (SELECT 1 FROM unnest(s.aliases) a WHERE lower(a) LIKE ${pattern})))`
    : Prisma.empty;
  const byName = sort === "name";
  const rows = await prisma.$queryRaw<(ActorListRow & { total: number })[]>`
    WITH roots AS MATERIALIZED (
      SELECT r.id, r.name, r.aliases, r.kind, r.external_id AS "externalId", count(*) OVER ()::int AS total
      FROM actor_records r
      WHERE r.project_id = ${access.projectId} AND r.merged_into_id IS NULL ${search}
      ${byName ? Prisma.sql`ORDER BY lower(r.name) ${order}, lower(r.name), r.id LIMIT ${limit} OFFSET ${offset}` : Prisma.empty}
    ),
    m AS MATERIALIZED (${mentionsSql(access, q || byName ? Prisma.sql`SELECT id FROM roots` : null, Prisma.sql`TRUE`, true)}),
    mc AS (
      SELECT root_id, sum(tags)::int AS mentions, count(*)::int AS articles
      FROM (SELECT root_id, article_id, count(*) AS tags FROM m GROUP BY root_id, article_id) per_article GROUP BY root_id),
    sc AS (
      SELECT root_id, count(*) FILTER (WHERE label = 'quote')::int AS quotes, count(*) FILTER (WHERE label = 'claim')::int AS claims
      FROM (${saidSql(access, true)}) said GROUP BY root_id)
    SELECT r.id, r.name, r.aliases, r.kind, r."externalId",
      coalesce(mc.mentions, 0) AS mentions, coalesce(sc.quotes, 0) AS quotes, coalesce(sc.claims, 0) AS claims,
      coalesce(mc.articles, 0) AS articles, r.total
    FROM roots r LEFT JOIN mc ON mc.root_id = r.id LEFT JOIN sc ON sc.root_id = r.id
    ORDER BY ${column} ${order}, lower(r.name), r.id
    ${byName ? Prisma.empty : Prisma.sql`LIMIT ${limit} OFFSET ${offset}`}`;
  // Past the last page no row carries the total: counted again (rare, and cheap next to the list).
  const total = rows[0]?.total ?? (offset ? (await listActorRecords(access, { ...options, sort: "name", offset: 0, limit: 1 })).total : 0);
  return { actors: rows.map(({ total: _, ...row }) => row), total };
}

/**
 * Names the details form offers (type-ahead over names and aliases): every root, with its merged records'
 * names and their ids (a tag linked to a merged record is shown by, and grouped with, its root).
 */
export async function listActorNames(
  access: ProjectAccess,
): Promise<{ id: string; name: string; kind: string | null; aliases: string[]; mergedIds: string[] }[]> {
  return prisma.$queryRaw`
    SELECT r.id, r.name, r.kind,
      coalesce((SELECT array_agg(DISTINCT x) FROM actor_records s, unnest(array_append(s.aliases, s.name)) x
                WHERE s.root_id = r.id AND x <> r.name), ARRAY[]::text[]) AS aliases,
      coalesce((SELECT array_agg(s.id ORDER BY s.id) FROM actor_records s WHERE s.root_id = r.id AND s.id <> r.id), ARRAY[]::text[]) AS "mergedIds"
    FROM actor_records r
    WHERE r.project_id = ${access.projectId} AND r.merged_into_id IS NULL
    ORDER BY lower(r.name), r.id`;
}

/** The fields of a record, as every read and write of one answers them. */
export const ACTOR_RECORD_FIELDS = {
  id: true,
  name: true,
  aliases: true,
  kind: true,
  description: true,
  externalId: true,
  mergedIntoId: true,
  rootId: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type ActorRecordRow = Prisma.ActorRecordGetPayload<{ select: typeof ACTOR_RECORD_FIELDS }>;

export type ActorRecordView = ActorRecordRow & {
  /** A merged record's parent (the record it was merged into) and root (the one its tags count for). */
  mergedInto: { id: string; name: string } | null;
  parent: { id: string; name: string } | null;
  /** Records merged into this one directly (each can be split off again). */
  merged: { id: string; name: string; aliases: string[] }[];
  history: { id: string; kind: string; at: Date; userName: string | null; details: unknown }[];
};

/** One record of the project, with what was merged into it and its history (newest first). */
export async function getActorRecord(access: ProjectAccess, id: string): Promise<ActorRecordView | null> {
  const record = await prisma.actorRecord.findFirst({
    where: { id, projectId: access.projectId },
    select: {
      ...ACTOR_RECORD_FIELDS,
      events: {
        orderBy: { id: "desc" },
        take: 200,
        select: { id: true, kind: true, at: true, details: true, user: { select: { name: true, email: true } } },
      },
    },
  });
  if (!record) return null;
  const [merged, above] = await Promise.all([
    prisma.actorRecord.findMany({
      where: { mergedIntoId: id, projectId: access.projectId },
      select: { id: true, name: true, aliases: true },
      orderBy: { name: "asc" },
    }),
    record.mergedIntoId
      ? prisma.actorRecord.findMany({ where: { id: { in: [record.rootId, record.mergedIntoId] } }, select: { id: true, name: true } })
      : [],
  ]);
  const { events, ...fields } = record;
  return {
    ...fields,
    mergedInto: above.find((row) => row.id === record.rootId) ?? null,
    parent: above.find((row) => row.id === record.mergedIntoId) ?? null,
    merged,
    history: events.map((event) => ({
      id: event.id.toString(),
      kind: event.kind,
      at: event.at,
      userName: event.user ? (event.user.name ?? event.user.email) : null,
      details: event.details,
    })),
  };
}

export type TimelineItem = {
  kind: "mention" | "quote" | "claim";
  id: string;
  articleId: string;
  articleTitle: string;
  publishedAt: Date | null;
  start: number | null;
  end: number | null;
  text: string;
  status: TagStatus;
  /** A quote's direct or indirect (null when unsaid). */
  direct: boolean | null;
  /** The words of the actor tag a quote or claim names as its speaker or source. */
  by: string | null;
  /** Figures tagged inside a quote or claim. */
  figures: { id: string; text: string; value: number | null; unit: string | null }[];
};

export type Timeline = {
  items: TimelineItem[];
  /** More items matched than were read. */
  truncated: boolean;
  coActors: { id: string; name: string; articles: number }[];
};

export const TIMELINE_LIMIT = 2000;

/**
 * The actor page: every mention of the record (and of those merged into it), every quote it speaks and claim
 * it is the source of, in the articles' order of publication (undated articles last), filtered by the
 * items' review status and by article; and the records mentioned in the same articles.
 */
export async function actorTimeline(
  access: ProjectAccess,
  rootId: string,
  filters: { status?: TagStatus; articleId?: string } = {},
): Promise<Timeline> {
  const roots = Prisma.sql`${rootId}`;
  const where = Prisma.join(
    [
      Prisma.sql`TRUE`,
      filters.status ? Prisma.sql`i.status::text = ${filters.status}` : Prisma.empty,
      filters.articleId ? Prisma.sql`i.article_id = ${filters.articleId}` : Prisma.empty,
    ].filter((part) => part !== Prisma.empty),
    " AND ",
  );
  // The items and the co-actors at once, on two connections: the page waits for the slower only.
  const [rows, coActors] = await Promise.all([
    prisma.$queryRaw<(Omit<TimelineItem, "figures"> & { figures: string | null })[]>`
    WITH m AS (${mentionsSql(access, roots)}),
    items AS (
      SELECT 'mention' AS kind, m.id, m.article_id, m.start, m."end", m.text, m.status, NULL::boolean AS direct, NULL::text AS by
      FROM m
      UNION ALL
      SELECT said.label, said.id, said.article_id, said.start, said."end", said.text, said.status, said.direct, said.by
      FROM (${saidSql(access)}) said
    ),
    page AS (
      SELECT i.*, a.title, a.published_at, a.created_at
      FROM items i JOIN articles a ON a.id = i.article_id
      WHERE ${where}
      ORDER BY a.published_at ASC NULLS LAST, a.created_at, a.id, i.start NULLS LAST, i.kind
      LIMIT ${TIMELINE_LIMIT + 1}
    )
    -- Figures only for the items shown: 13,000 items of the most quoted actor are sorted to show 2,000.
    SELECT i.kind, i.id, i.article_id AS "articleId", i.title AS "articleTitle", i.published_at AS "publishedAt",
      i.start, i."end", i.text, i.status::text AS status, i.direct, i.by,
      -- A figure inside starts within the item too: that bound keeps the index scan to the item's words.
      CASE WHEN i.kind <> 'mention' AND i.start IS NOT NULL THEN (
        SELECT json_agg(json_build_object('id', f.id, 'text', f.text, 'value', f.attributes->'value', 'unit', f.attributes->'unit') ORDER BY f.start)::text
        FROM annotations f
        WHERE f.article_id = i.article_id AND f.label = 'figure' AND f.start >= i.start AND f.start <= i."end" AND f."end" <= i."end"
          AND ${tagScopeSql(access.tagScope, "f")}
      ) END AS figures
    FROM page i
    ORDER BY i.published_at ASC NULLS LAST, i.created_at, i.article_id, i.start NULLS LAST, i.kind`,
    // Other records' mentions in the articles where this one is mentioned, not in the whole project.
    prisma.$queryRaw<Timeline["coActors"]>`
    WITH mine AS (SELECT DISTINCT article_id FROM (${mentionsSql(access, roots)}) own),
    m AS (${mentionsSql(access, null, Prisma.sql`n.article_id IN (SELECT article_id FROM mine)`)})
    SELECT r.id, r.name, count(DISTINCT m.article_id)::int AS articles
    FROM m JOIN actor_records r ON r.id = m.root_id
    WHERE m.root_id <> ${rootId}
    GROUP BY r.id, r.name ORDER BY articles DESC, lower(r.name) LIMIT 20`,
  ]);
  return {
    items: rows.slice(0, TIMELINE_LIMIT).map((row) => ({
      ...row,
      figures: row.figures ? (JSON.parse(row.figures) as TimelineItem["figures"]) : [],
    })),
    truncated: rows.length > TIMELINE_LIMIT,
    coActors,
  };
}

export type CheckTag = { id: string; articleId: string; articleTitle: string; text: string; status: TagStatus };
export type RegistryChecks = {
  /** Actor tags that name no record of the project. */
  unlinked: { total: number; tags: CheckTag[] };
  quotesWithoutSpeaker: { total: number; tags: CheckTag[] };
  claimsWithoutSource: { total: number; tags: CheckTag[] };
  /** Records whose own kind and their tags' kinds disagree. */
  kinds: { id: string; name: string; kinds: { kind: string; tags: number }[] }[];
  /** The same words of one article linked to different records. */
  sameWords: { articleId: string; articleTitle: string; words: string; records: { id: string; name: string; tagIds: string[] }[] }[];
};

const CHECK_LIMIT = 200;

async function tagsWhere(access: ProjectAccess, condition: Prisma.Sql): Promise<{ total: number; tags: CheckTag[] }> {
  const rows = await prisma.$queryRaw<(CheckTag & { total: number })[]>`
    SELECT n.id, n.article_id AS "articleId", a.title AS "articleTitle", n.text, n.status::text AS status, count(*) OVER ()::int AS total
    FROM annotations n JOIN articles a ON a.id = n.article_id
    WHERE a.project_id = ${access.projectId} AND n.start IS NOT NULL AND n.status <> 'rejected' AND ${tagScopeSql(access.tagScope)} AND ${condition}
    ORDER BY a.published_at ASC NULLS LAST, a.created_at, a.id, n.start
    LIMIT ${CHECK_LIMIT}`;
  return { total: rows[0]?.total ?? 0, tags: rows.map(({ total: _, ...row }) => row) };
}

/** What a reviewer works through to make the registry whole (rejected and orphaned tags aside), at most 200 of each. */
export async function registryChecks(access: ProjectAccess): Promise<RegistryChecks> {
  const [unlinked, quotesWithoutSpeaker, claimsWithoutSource, kinds, sameWords] = await Promise.all([
    tagsWhere(
      access,
      Prisma.sql`n.label = 'actor' AND NOT EXISTS (SELECT 1 FROM actor_records r WHERE r.id = n.attributes->>'actorId' AND r.project_id = ${access.projectId})`,
    ),
    tagsWhere(access, Prisma.sql`n.label = 'quote' AND coalesce(n.attributes->>'speakerId', '') = ''`),
    tagsWhere(access, Prisma.sql`n.label = 'claim' AND coalesce(n.attributes->>'sourceId', '') = ''`),
    prisma.$queryRaw<{ id: string; name: string; kinds: string }[]>`
      WITH m AS (${mentionsSql(access, null)}),
      k AS (
        SELECT root_id, kind, count(*)::int AS tags FROM m WHERE kind IS NOT NULL GROUP BY root_id, kind
        UNION ALL SELECT id, kind, 0 FROM actor_records WHERE project_id = ${access.projectId} AND merged_into_id IS NULL AND kind IS NOT NULL
      ),
      merged AS (SELECT root_id, kind, sum(tags)::int AS tags FROM k GROUP BY root_id, kind)
      SELECT r.id, r.name, json_agg(json_build_object('kind', merged.kind, 'tags', merged.tags) ORDER BY merged.tags DESC)::text AS kinds
      FROM merged JOIN actor_records r ON r.id = merged.root_id
      GROUP BY r.id, r.name HAVING count(*) > 1 ORDER BY lower(r.name) LIMIT ${CHECK_LIMIT}`,
    prisma.$queryRaw<{ articleId: string; articleTitle: string; words: string; records: string }[]>`
      WITH m AS (${mentionsSql(access, null)}),
      grouped AS (
        SELECT article_id, lower(btrim(text)) AS words, min(text) AS shown, root_id, array_agg(id ORDER BY start) AS tag_ids
        FROM m WHERE start IS NOT NULL AND status <> 'rejected' GROUP BY article_id, lower(btrim(text)), root_id
      )
      SELECT g.article_id AS "articleId", a.title AS "articleTitle", min(g.shown) AS words,
        json_agg(json_build_object('id', r.id, 'name', r.name, 'tagIds', g.tag_ids) ORDER BY r.name)::text AS records
      FROM grouped g JOIN actor_records r ON r.id = g.root_id JOIN articles a ON a.id = g.article_id
      GROUP BY g.article_id, a.title, g.words HAVING count(*) > 1
      ORDER BY a.title, g.words LIMIT ${CHECK_LIMIT}`,
  ]);
  return {
    unlinked,
    quotesWithoutSpeaker,
    claimsWithoutSource,
    kinds: kinds.map((row) => ({ id: row.id, name: row.name, kinds: JSON.parse(row.kinds) as { kind: string; tags: number }[] })),
    sameWords: sameWords.map((row) => ({ ...row, records: JSON.parse(row.records) as RegistryChecks["sameWords"][number]["records"] })),
  };
}

/** Whether `id` is a record of the project, and the root it counts for. */
export async function findActorRoot(access: ProjectAccess, id: string): Promise<string | null> {
  const row = await prisma.actorRecord.findFirst({ where: { id, projectId: access.projectId }, select: { rootId: true } });
  return row?.rootId ?? null;
}

/**
 * Every record of a project (merged ones too, whose names still mean their root) as the tag operations
 * link new actor tags by (lib/tags/actor-links.ts). Unchecked: the caller tags in this project.
 */
export async function unsafeReadActorIndex(projectId: string): Promise<{ id: string; rootId: string; name: string; aliases: string[] }[]> {
  return prisma.actorRecord.findMany({ where: { projectId }, select: { id: true, rootId: true, name: true, aliases: true } });
}

/** Links the registry's migration left for an article's live tags document to take up (see actor_link_adoptions). */
export async function unsafeReadLinkAdoptions(articleId: string): Promise<{ tagId: string; actorId: string }[]> {
  return prisma.actorLinkAdoption.findMany({ where: { articleId }, select: { tagId: true, actorId: true } });
}

/** What changes whenever a project's registry does (a record made, changed, merged or split): for caches of it. */
export async function unsafeRegistryStamp(projectId: string): Promise<string> {
  const [row] = await prisma.$queryRaw<{ stamp: string }[]>`
    SELECT count(*)::text || ':' || coalesce(max(updated_at)::text, '') AS stamp FROM actor_records WHERE project_id = ${projectId}`;
  return row?.stamp ?? "";
}
