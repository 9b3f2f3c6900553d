/**
 * The export's reads: one REPEATABLE READ transaction per export, so that every batch sees the same
 * snapshot of the database, and articles read in keyset batches by id with their tags and decisions, so
 * that memory stays flat whatever the project's size. Each batch is one round trip: PostgreSQL packs an
 * article's tags and decisions into one text each (lib/export/rows.ts), far cheaper to build, move and
 * parse than a row per tag through the driver or JSON built by PostgreSQL.
 *
 * Article ids are cuids (lower-case letters and digits), which every collation orders alike, so the
 * order of `ORDER BY id` (the primary key's) is the same on every server.
 */
import "server-only";
import type { ProjectAccess } from "@/lib/auth/context";
import { inDedicatedTransaction, type SqlSession } from "@/lib/db/dedicated-transaction";
import { Prisma, prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { tagScopeSql } from "@/lib/auth/tag-scope-sql";
import { actorLinks, type ActorRecordRow } from "./actor-registry";
import { buildArticle, UNKNOWN_EMAIL, unknownPeople, type ArticleRow } from "./build";
import { parseReviews, parseTags } from "./rows";
import { buildSuggestions, parseSuggestions } from "./suggestion-rows";
import type { ExportPlan } from "./plan";
import type { ExportArticle, ExportPerson } from "./shape";

export type Tx = SqlSession;

/**
 * Export transactions running in this process, each on a connection of its own, are capped: each holds a
 * PostgreSQL connection as long as its reader reads, and a crowd of slow downloads must not use up the
 * database's connections. Past the cap an export is refused at once (429), never queued.
 */
const slots = globalThis as unknown as { marginExportsRunning?: number };

function exportConcurrency(): number {
  return Number(process.env.MARGIN_EXPORT_CONCURRENCY ?? 4);
}

/**
 * Runs `work` in one REPEATABLE READ transaction on a connection of its own (lib/db/dedicated-transaction.ts):
 * read only for exports, read-write for snapshots (which store what they read in the same transaction).
 */
export async function inExportTransaction<T>(work: (tx: Tx) => Promise<T>, options: { readOnly: boolean }): Promise<T> {
  const running = slots.marginExportsRunning ?? 0;
  if (running >= exportConcurrency()) {
    throw new AppError("rate_limited", `${running} exports are running, the most this server runs at once; try again in a minute`);
  }
  slots.marginExportsRunning = running + 1;
  try {
    return await inDedicatedTransaction(options, work);
  } finally {
    slots.marginExportsRunning = (slots.marginExportsRunning ?? 1) - 1;
  }
}

/** The condition on an annotations row (alias n) for the tags the plan exports; orphans never. */
function tagCondition(plan: ExportPlan): Prisma.Sql {
  const parts = [Prisma.sql`n.start IS NOT NULL AND n."end" IS NOT NULL`, tagScopeSql(plan.scope, "n")];
  if (plan.status !== "all") parts.push(Prisma.sql`n.status = ${plan.status}::"AnnotationStatus"`);
  if (plan.labels) parts.push(Prisma.sql`n.label = ANY(${plan.labels}::"AnnotationLabel"[])`);
  if (plan.annotators) parts.push(Prisma.sql`n.annotator_ids && ${plan.annotators}::text[]`);
  return Prisma.join(parts, " AND ");
}

/**
 * The condition on a suggestions row (alias s) for those an export carries: the shared set (a blind
 * annotator's own run is theirs alone, and the shared set of a blind project is computed from gold only, so
 * anyone may see it), not superseded, of the labels asked for, and not accepted (it is a tag now). An accept
 * holds for every row with the same key (lib/suggestions/stored.ts), whichever run made it. In a blind
 * annotator's export only their own accepts count: a colleague's would tell them what was tagged.
 */
function suggestionCondition(plan: ExportPlan): Prisma.Sql {
  const parts = [Prisma.sql`s.for_user_id IS NULL AND s.superseded_at IS NULL`];
  if (plan.labels) parts.push(Prisma.sql`s.label = ANY(${plan.labels}::"AnnotationLabel"[])`);
  const whose = plan.scope.kind === "own" ? Prisma.sql`AND d.user_id = ${plan.scope.userId}` : Prisma.empty;
  parts.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM suggestion_decisions d JOIN suggestions o ON o.id = d.suggestion_id
    WHERE d.kind = 'accepted' ${whose} AND o.article_id = s.article_id AND o.suggester = s.suggester AND o.label = s.label
      AND o.start = s.start AND o."end" = s."end" AND o.text = s.text)`);
  return Prisma.join(parts, " AND ");
}

/**
 * The condition on an articles row (alias a). updatedSince: the article's row changed (its metadata,
 * status, or text, which every store of its live documents rewrites, deletions of tags included), or one
 * of its tags did, or a decision was taken on one, at or after that instant.
 */
function articleCondition(plan: ExportPlan): Prisma.Sql {
  const parts = [Prisma.sql`a.project_id = ${plan.projectId}`];
  if (plan.articles) parts.push(Prisma.sql`a.id = ANY(${plan.articles}::text[])`);
  if (plan.articleStatus) parts.push(Prisma.sql`a.status = ANY(${plan.articleStatus}::"ArticleStatus"[])`);
  if (plan.updatedSince) {
    // The columns hold UTC instants without a zone. The instant travels as UTC text: the pg driver would
    // send a Date in the server's local time, whose offset a cast to timestamp drops.
    const since = Prisma.sql`(${plan.updatedSince.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
    parts.push(Prisma.sql`(a.updated_at >= ${since}
      OR EXISTS (SELECT 1 FROM annotations u WHERE u.article_id = a.id AND u.updated_at >= ${since})
      OR EXISTS (SELECT 1 FROM annotation_reviews r WHERE r.article_id = a.id AND r.created_at >= ${since}))`);
  }
  if (plan.requireTags) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id AND ${tagCondition(plan)})`);
  return Prisma.join(parts, " AND ");
}

/**
 * Resolves the plan's annotators (ids or emails of the project's members, or of people whose tags are in
 * it) to user ids, and checks its article ids: anything unknown is a 400 naming it.
 */
export async function resolvePlan(tx: Tx, plan: ExportPlan): Promise<ExportPlan> {
  let annotators: string[] | undefined;
  if (plan.annotators) {
    const lowered = plan.annotators.map((value) => value.toLowerCase());
    const people = await tx.query<{ id: string; email: string }>(Prisma.sql`
      SELECT u.id, u.email FROM users u
      WHERE (u.id = ANY(${plan.annotators}::text[]) OR u.email = ANY(${lowered}::text[]))
        AND (EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.project_id = ${plan.projectId})
          OR EXISTS (SELECT 1 FROM annotations n JOIN articles a ON a.id = n.article_id WHERE a.project_id = ${plan.projectId} AND n.annotator_ids @> ARRAY[u.id]))`);
    const unknown = plan.annotators.filter(
      (value) => !people.some((person) => person.id === value || person.email === value.toLowerCase()),
    );
    if (unknown.length) {
      const members = await tx.query<{ email: string }>(
        Prisma.sql`SELECT u.email FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.project_id = ${plan.projectId} ORDER BY u.email LIMIT 20`,
      );
      throw new AppError(
        "bad_request",
        `unknown annotators ${unknown.map((value) => `"${value}"`).join(", ")}; give user ids or emails of the project's members, e.g. ${members.map((member) => member.email).join(", ")}`,
        "annotators",
      );
    }
    annotators = [...new Set(people.map((person) => person.id))].sort();
  }
  if (plan.articles) {
    const found = await tx.query<{ id: string }>(
      Prisma.sql`SELECT id FROM articles WHERE project_id = ${plan.projectId} AND id = ANY(${plan.articles}::text[])`,
    );
    const known = new Set(found.map((row) => row.id));
    const unknown = plan.articles.filter((id) => !known.has(id));
    if (unknown.length)
      throw new AppError(
        "bad_request",
        `unknown articles ${unknown
          .slice(0, 20)
          .map((id) => `"${id}"`)
          .join(", ")}${unknown.length > 20 ? ` and ${unknown.length - 20} more` : ""}: not articles of this project`,
        "articles",
      );
  }
  return { ...plan, annotators };
}

/** How many articles and tags the plan exports, in the export's snapshot: known before the first byte. */
export async function countExport(tx: Tx, plan: ExportPlan): Promise<{ articles: number; tags: number }> {
  const [row] = await tx.query<{ articles: number; tags: number }>(Prisma.sql`
    SELECT count(*)::int AS articles, coalesce(sum(t.tags), 0)::int AS tags
    FROM articles a CROSS JOIN LATERAL (SELECT count(*) AS tags FROM annotations n WHERE n.article_id = a.id AND ${tagCondition(plan)}) t
    WHERE ${articleCondition(plan)}`);
  return row ?? { articles: 0, tags: 0 };
}

type BatchRow = Omit<ArticleRow, "publishedAt"> & {
  publishedAt: Date | null;
  tags: string | null;
  reviews: string | null;
  suggestions: string | null;
};

// Batches aim at this much text (articles' texts and their tags' JSON): enough to amortize a round trip,
// little enough to keep memory flat. The number of articles per batch adapts to what the last one weighed.
const CHARS_PER_BATCH = 1_000_000;
const MAX_ARTICLES = 500;

function nextBatchSize(current: number, rows: BatchRow[]): number {
  const chars = rows.reduce(
    (sum, row) => sum + row.text.length + (row.tags?.length ?? 0) + (row.reviews?.length ?? 0) + (row.suggestions?.length ?? 0),
    0,
  );
  if (chars > CHARS_PER_BATCH) return Math.max(1, Math.floor(current / 2));
  if (chars < CHARS_PER_BATCH / 4) return Math.min(MAX_ARTICLES, current * 2);
  return current;
}

/**
 * One batch: articles after `after` in id order, each with its tags and decisions as JSON text built by
 * concatenation (see lib/export/rows.ts for why, and why it is valid JSON).
 */
function batchQuery(
  tx: Tx,
  condition: Prisma.Sql,
  tags: Prisma.Sql,
  suggestions: Prisma.Sql | null,
  after: string | null,
  size: number,
): Promise<BatchRow[]> {
  // Suggestions are few next to tags and read only on request: json_agg is simple enough here.
  const suggestionColumn = suggestions
    ? Prisma.sql`(SELECT json_agg(json_build_array(s.id, s.suggester, s.version, s.label, s.start, s."end", s.text, s.score, s.attributes) ORDER BY s.start, s."end", s.id)::text
              FROM suggestions s WHERE s.article_id = a.id AND ${suggestions})`
    : Prisma.sql`NULL::text`;
  return tx.query<BatchRow>(Prisma.sql`
    SELECT a.id, a.title, a.byline, a.source, a.url, a.published_at AS "publishedAt", a.language, a.status::text AS status, a.text,
      '[' || (SELECT string_agg('["' || n.id || '","' || n.label || '",' || n.start || ',' || n."end" || ',"' || n.status || '",' || n.attributes::text || ','
                                || CASE WHEN n.note IS NULL THEN 'null' ELSE to_json(n.note)::text END || ',["' || array_to_string(n.annotator_ids, '","') || '"],"'
                                || n.author_id || '","' || n.created_at::text || '","' || n.updated_at::text || '"]', ',')
              FROM annotations n WHERE n.article_id = a.id AND ${tags}) || ']' AS tags,
      '[' || (SELECT string_agg('["' || r.id || '","' || r.annotation_id || '",' || CASE WHEN r.reviewer_id IS NULL THEN 'null' ELSE '"' || r.reviewer_id || '"' END
                                || ',"' || r.decision || '","' || r.created_at::text || '",' || CASE WHEN r.comment IS NULL THEN 'null' ELSE to_json(r.comment)::text END || ']', ',')
              FROM annotation_reviews r WHERE r.article_id = a.id) || ']' AS reviews,
      ${suggestionColumn} AS suggestions
    FROM articles a
    WHERE ${condition} ${after === null ? Prisma.empty : Prisma.sql`AND a.id > ${after}`}
    ORDER BY a.id LIMIT ${size}`);
}

/**
 * The plan's articles, one by one in order of id, read in batches; stops once `signal` is aborted. The next
 * batch is asked for as soon as a batch arrives, so that PostgreSQL prepares it while this process builds
 * and writes the current one (two cores at work instead of one at a time). Articles are built one at a
 * time as they are consumed, so that only one article's objects are alive at once: building a whole batch
 * first kept megabytes alive long enough for the collector to promote and then sweep them.
 */
export async function* readExportArticles(
  tx: Tx,
  plan: ExportPlan,
  signal?: AbortSignal,
  records?: readonly ActorRecordRow[],
): AsyncGenerator<ExportArticle> {
  const people = await projectPeople(tx, plan.projectId);
  // The records the actors formats already read, or the project's, read now: each actor tag's record.
  const links = actorLinks(records ?? (await readActorRecords(tx, plan.projectId)));
  const condition = articleCondition(plan);
  const tags = tagCondition(plan);
  const suggestions = plan.suggestions ? suggestionCondition(plan) : null;
  let size = 20;
  let pending: Promise<BatchRow[]> | null = batchQuery(tx, condition, tags, suggestions, null, size);
  try {
    while (pending) {
      signal?.throwIfAborted();
      const requested = size;
      const rows: BatchRow[] = await pending;
      pending = null;
      size = nextBatchSize(size, rows);
      // Sent at once (the pg driver writes it to the socket now), so PostgreSQL works on it meanwhile.
      if (rows.length === requested) pending = batchQuery(tx, condition, tags, suggestions, rows[rows.length - 1]!.id, size);
      for (let index = 0; index < rows.length; index++) {
        const { tags: packedTags, reviews: packedReviews, suggestions: packedSuggestions, publishedAt, ...article } = rows[index]!;
        // Let go of each row as it is taken. A batch's array can outlive two minor collections and be
        // promoted; dead but not yet swept, it then kept every row it still pointed to alive through the
        // minor collections that followed, so that all the rows' strings were promoted too and the old
        // generation grew by nearly the size of the export before a full collection (bench/export.ts:
        // +330 MB of the server's memory, 450 MB promoted during an in-process run; now about a tenth).
        (rows as (BatchRow | null)[])[index] = null;
        signal?.throwIfAborted();
        const tags = parseTags(packedTags);
        const reviews = parseReviews(packedReviews);
        const missing = unknownPeople(tags, reviews, people);
        if (missing.length) await lookUpPeople(tx, people, missing);
        const built = buildArticle({ ...article, publishedAt: publishedAt?.toISOString() ?? null }, tags, reviews, people, links);
        yield plan.suggestions ? { ...built, suggestions: buildSuggestions(article.text, parseSuggestions(packedSuggestions)) } : built;
      }
    }
  } finally {
    // A consumer that stopped early (cancelled) leaves a query in flight: let it settle before the rollback.
    await pending?.catch(() => {});
  }
}

/**
 * The project's actor records, read once in the export's transaction so that they agree with every batch's
 * tags (a merge committed meanwhile is in neither): the actor tags' records are resolved from them
 * (actor-registry.ts) rather than joined per tag in each batch, which made PostgreSQL hash the records once
 * per article (a batch of 500 articles and 50,000 tags: 0.62-0.87 s against 0.45-0.61 s without the join).
 * Ordered in actor-registry.ts, not by a collation here.
 */
export async function readActorRecords(tx: Tx, projectId: string): Promise<ActorRecordRow[]> {
  return tx.query<ActorRecordRow>(Prisma.sql`
    SELECT id, name, aliases, kind, description, external_id AS "externalId", merged_into_id AS "mergedIntoId", root_id AS "rootId"
    FROM actor_records WHERE project_id = ${projectId}`);
}

/** The project's members: most people an export names, known before the first batch. */
async function projectPeople(tx: Tx, projectId: string): Promise<Map<string, ExportPerson>> {
  const rows = await tx.query<ExportPerson>(
    Prisma.sql`SELECT u.id, u.email, u.name FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.project_id = ${projectId}`,
  );
  return new Map(rows.map((row) => [row.id, { id: row.id, email: row.email, name: row.name }]));
}

/** Adds the people not yet known to `people`: former members, reviewers from elsewhere (rarely a query). */
async function lookUpPeople(tx: Tx, people: Map<string, ExportPerson>, missing: string[]): Promise<void> {
  const rows = await tx.query<ExportPerson>(Prisma.sql`SELECT id, email, name FROM users WHERE id = ANY(${missing}::text[])`);
  for (const row of rows) people.set(row.id, { id: row.id, email: row.email, name: row.name });
  // Someone whose row is gone is asked for once, not once per article.
  for (const id of missing) if (!people.has(id)) people.set(id, { id, email: UNKNOWN_EMAIL, name: null });
}

const SNAPSHOT = {
  id: true,
  name: true,
  filters: true,
  offsetUnit: true,
  contentHash: true,
  articleCount: true,
  tagCount: true,
  byteSize: true,
  createdAt: true,
  createdBy: { select: { id: true, email: true, name: true } },
} as const;

type SnapshotRow = Prisma.ExportSnapshotGetPayload<{ select: typeof SNAPSHOT }>;

function snapshotView(row: SnapshotRow) {
  return {
    ...row,
    filters: row.filters as Record<string, string | string[]>,
    offsetUnit: row.offsetUnit as "codepoint" | "utf16",
    byteSize: Number(row.byteSize),
  };
}

export type SnapshotView = ReturnType<typeof snapshotView>;

/** The project's snapshots, newest first. */
export async function listSnapshots(access: ProjectAccess): Promise<SnapshotView[]> {
  const rows = await prisma.exportSnapshot.findMany({
    where: { projectId: access.projectId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: SNAPSHOT,
  });
  return rows.map(snapshotView);
}

/** A snapshot of the project by id, or by name. */
export async function findSnapshot(access: ProjectAccess, idOrName: string): Promise<SnapshotView | null> {
  const row =
    (await prisma.exportSnapshot.findFirst({ where: { projectId: access.projectId, id: idOrName }, select: SNAPSHOT })) ??
    (await prisma.exportSnapshot.findFirst({ where: { projectId: access.projectId, name: idOrName }, select: SNAPSHOT }));
  return row && snapshotView(row);
}

export async function snapshotNameTaken(access: ProjectAccess, name: string): Promise<boolean> {
  return (await prisma.exportSnapshot.count({ where: { projectId: access.projectId, name } })) > 0;
}

/** A snapshot's stored bytes (gzip), a few chunks per query; chunks never change once written. */
export async function* readSnapshotChunks(snapshotId: string, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  let after = -1;
  for (;;) {
    signal?.throwIfAborted();
    const rows = await prisma.exportSnapshotChunk.findMany({
      where: { snapshotId, seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: 4,
      select: { seq: true, data: true },
    });
    for (const row of rows) yield row.data;
    if (rows.length < 4) return;
    after = rows[rows.length - 1]!.seq;
  }
}

/**
 * User ids by email, for an imported dataset's authors and reviewers. Unsafe: it looks across the
 * instance, which is what matching a dataset's people to accounts means; it reveals only ids, to an
 * importer who already holds the emails.
 */
export async function unsafeUserIdsByEmail(emails: string[]): Promise<Map<string, string>> {
  const lowered = [...new Set(emails.map((email) => email.toLowerCase()))];
  const rows = await prisma.user.findMany({ where: { email: { in: lowered } }, select: { id: true, email: true } });
  return new Map(rows.map((row) => [row.email, row.id]));
}

/**
 * The project's members among these emails. A dataset import matches its people here only: matching
 * across the instance would put outsiders' names on a project's tags, and tell the importer which emails
 * have accounts.
 */
export async function memberIdsByEmail(access: ProjectAccess, emails: string[]): Promise<Map<string, string>> {
  const lowered = [...new Set(emails.map((email) => email.toLowerCase()))];
  const rows = await prisma.membership.findMany({
    where: { projectId: access.projectId, user: { email: { in: lowered } } },
    select: { user: { select: { id: true, email: true } } },
  });
  return new Map(rows.map((row) => [row.user.email, row.user.id]));
}

/** Who an import by the operator's CLI acts as when a dataset's person has no account: the project's first owner. */
export async function unsafeFirstOwnerId(access: ProjectAccess): Promise<string | null> {
  const owner = await prisma.membership.findFirst({
    where: { projectId: access.projectId, role: "owner" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { userId: true },
  });
  return owner?.userId ?? null;
}
