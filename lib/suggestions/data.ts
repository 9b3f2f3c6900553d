/**
 * Reads of suggestions and of what a run needs: the article's text, the project's known actors and the
 * article's actor tags under the blind rule of lib/suggestions/scope.ts, the rows someone is offered and
 * the decisions that hide some of them.
 */
import "server-only";
import { prisma, Prisma } from "@/lib/db/prisma";
import { OffsetIndex } from "@/lib/tags/offsets";
import { ACTOR_KINDS, type ActorKind, type Label } from "@/lib/vocabulary";
import type { SuggestContext } from "./suggester";
import type { ContextTags, SuggestionScope } from "./scope";
import type { TagScope } from "@/lib/auth/tag-scope";
import { suggestionKey, taggedSpanKey, type StoredAttributes, type SuggestionRow } from "./stored";

const ROW = {
  id: true,
  suggester: true,
  version: true,
  label: true,
  start: true,
  end: true,
  text: true,
  score: true,
  attributes: true,
  speakerSuggestionId: true,
  speakerTagId: true,
  sourceSuggestionId: true,
  sourceTagId: true,
} as const;

type Selected = Prisma.SuggestionGetPayload<{ select: typeof ROW }>;

function rowOf(row: Selected): SuggestionRow {
  return { ...row, label: row.label as Label, attributes: (row.attributes ?? {}) as StoredAttributes };
}

/** The article's current text, or null when it is not in this project. */
export async function readArticleText(projectId: string, articleId: string): Promise<string | null> {
  const article = await prisma.article.findFirst({ where: { id: articleId, projectId }, select: { text: true } });
  return article?.text ?? null;
}

function contextCondition(tags: ContextTags): Prisma.Sql {
  if (tags.kind === "all") return Prisma.sql`TRUE`;
  if (tags.kind === "gold") return Prisma.sql`n.status = 'accepted'`;
  return Prisma.sql`(n.status = 'accepted' OR n.annotator_ids @> ARRAY[${tags.userId}]::text[])`;
}

/**
 * What the suggesters may know: the project's actor records (lib/actors: name, aliases with those of records
 * merged into it, kind), and the article's actor tags a speaker may link to (UTF-16 offsets). Where `tags`
 * narrows what may be known (blind sets, gold), only records with a tag it allows: a record made from a
 * colleague's tag must not tell a blind annotator what they tagged. Rejected tags count for nothing.
 */
export async function readSuggestContext(projectId: string, articleId: string, text: string, tags: ContextTags): Promise<SuggestContext> {
  const known =
    tags.kind === "all"
      ? Prisma.sql`TRUE`
      : Prisma.sql`EXISTS (
          SELECT 1 FROM annotations n
          WHERE n.label = 'actor' AND n.status <> 'rejected' AND ${contextCondition(tags)}
            AND n.attributes->>'actorId' IN (SELECT s.id FROM actor_records s WHERE s.root_id = r.id))`;
  const names = await prisma.$queryRaw<{ name: string; kind: string | null; aliases: string[] }[]>`
    SELECT r.name, r.kind,
      coalesce((SELECT array_agg(DISTINCT x) FROM actor_records s, unnest(array_append(s.aliases, s.name)) x
                WHERE s.root_id = r.id AND x <> r.name), ARRAY[]::text[]) AS aliases
    FROM actor_records r
    WHERE r.project_id = ${projectId} AND r.merged_into_id IS NULL AND ${known}
    ORDER BY lower(r.name) LIMIT 5000`;
  const knownActors = names.map(({ name, kind, aliases }) => ({
    name,
    aliases,
    ...((ACTOR_KINDS as readonly string[]).includes(kind ?? "") ? { kind: kind as ActorKind } : {}),
  }));
  if (tags.kind === "gold") return { knownActors, actorTags: [] };
  const rows = await prisma.annotation.findMany({
    where: {
      articleId,
      label: "actor",
      start: { not: null },
      status: { not: "rejected" },
      ...(tags.kind === "gold-and-own" ? { annotatorIds: { has: tags.userId } } : {}),
    },
    select: { id: true, start: true, end: true, attributes: true },
  });
  const offsets = new OffsetIndex(text);
  const actorTags = rows.flatMap((row) => {
    if (row.start === null || row.end === null || row.end > offsets.codePointLength) return [];
    const name = (row.attributes as { canonicalName?: unknown } | null)?.canonicalName;
    return [
      {
        id: row.id,
        start: offsets.toUtf16(row.start),
        end: offsets.toUtf16(row.end),
        ...(typeof name === "string" && name ? { canonicalName: name } : {}),
      },
    ];
  });
  return { knownActors, actorTags };
}

/** The project's external suggester, if it has one (the token is for the run only, never answered). */
export async function readBackendConfig(projectId: string): Promise<{ url: string; token?: string } | null> {
  const project = await prisma.project.findUnique({
    where: { id: projectId },
    select: { suggestionBackendUrl: true, suggestionBackendToken: true },
  });
  if (!project?.suggestionBackendUrl) return null;
  return { url: project.suggestionBackendUrl, ...(project.suggestionBackendToken ? { token: project.suggestionBackendToken } : {}) };
}

/** The rows of the sets someone is offered (scope.ts), not superseded, in reading order. */
export async function listOfferedRows(
  articleId: string,
  scope: SuggestionScope,
): Promise<(SuggestionRow & { forUserId: string | null })[]> {
  const rows = await prisma.suggestion.findMany({
    where: {
      articleId,
      supersededAt: null,
      OR: [{ forUserId: null }, ...(scope.forUserId ? [{ forUserId: scope.forUserId }] : [])],
    },
    orderBy: [{ start: "asc" }, { end: "asc" }, { id: "asc" }],
    select: { ...ROW, forUserId: true },
  });
  return rows.map((row) => ({ ...rowOf(row), forUserId: row.forUserId }));
}

/**
 * The keys (stored.ts) no longer offered to this person on this article: those they accepted or dismissed,
 * and, when they see everyone's tags, those anyone accepted (the tag is there for them to see).
 */
export async function readAnsweredKeys(articleId: string, scope: SuggestionScope): Promise<Set<string>> {
  const decisions = await prisma.suggestionDecision.findMany({
    where: {
      suggestion: { articleId },
      OR: [...(scope.userId ? [{ userId: scope.userId }] : []), ...(scope.forUserId ? [] : [{ kind: "accepted" as const }])],
    },
    select: { suggestion: { select: { suggester: true, label: true, start: true, end: true, text: true } } },
  });
  return new Set(decisions.map(({ suggestion }) => suggestionKey(suggestion)));
}

/** One suggestion with the article it belongs to and whose set it is in: the lookup before authorizing. */
export async function unsafeFindSuggestion(id: string): Promise<(SuggestionRow & { articleId: string; forUserId: string | null }) | null> {
  const row = await prisma.suggestion.findUnique({ where: { id }, select: { ...ROW, articleId: true, forUserId: true } });
  return row && { ...rowOf(row), articleId: row.articleId, forUserId: row.forUserId };
}

/**
 * The tag a linked suggestion became for someone (`acceptedBy`), or, when they see every tag, for anyone;
 * null when it is not accepted (or its tag is gone).
 */
export async function readAcceptedTag(suggestionId: string, acceptedBy: string | null): Promise<string | null> {
  const decision = await prisma.suggestionDecision.findFirst({
    where: { suggestionId, kind: "accepted", annotationId: { not: null }, ...(acceptedBy ? { userId: acceptedBy } : {}) },
    select: { annotationId: true },
    orderBy: { createdAt: "asc" },
  });
  if (!decision?.annotationId) return null;
  const tag = await prisma.annotation.findUnique({ where: { id: decision.annotationId }, select: { id: true, label: true } });
  return tag?.label === "actor" ? tag.id : null;
}

/** Whether an actor tag is on the article and visible to `userId` (or to everyone when null). */
export async function actorTagExists(articleId: string, id: string, visibleTo: string | null): Promise<boolean> {
  const tag = await prisma.annotation.findFirst({
    where: { id, articleId, label: "actor", ...(visibleTo ? { annotatorIds: { has: visibleTo } } : {}) },
    select: { id: true },
  });
  return tag !== null;
}

/** The ids of a project's articles, oldest first, or of those named that are in it. */
export async function listProjectArticleIds(projectId: string, only?: readonly string[]): Promise<string[]> {
  const rows = await prisma.article.findMany({
    where: { projectId, ...(only ? { id: { in: [...only] } } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/** Whether the project suggests on import, and whether it is blind (whose context a run may use). */
export async function readSuggestOnImport(projectId: string): Promise<{ suggestOnImport: boolean; blindAnnotation: boolean } | null> {
  return prisma.project.findUnique({ where: { id: projectId }, select: { suggestOnImport: true, blindAnnotation: true } });
}

/**
 * The places and labels of the article's tags someone sees (rejected ones aside): a suggestion of the same
 * label on the same words is already done, whoever made the tag, so it is not offered again.
 */
export async function readTaggedSpans(articleId: string, scope: TagScope): Promise<Set<string>> {
  const rows = await prisma.annotation.findMany({
    where: {
      articleId,
      start: { not: null },
      status: { not: "rejected" },
      ...(scope.kind === "own" ? { annotatorIds: { has: scope.userId } } : {}),
    },
    select: { label: true, start: true, end: true },
  });
  return new Set(rows.map((row) => taggedSpanKey(row.label, row.start!, row.end!)));
}

/**
 * What refreshing an article's suggestions after a text correction reads (refresh.ts): its project and
 * text, whether the project suggests on import, and every set's current rows (superseded ones are never
 * offered again and stay as they are).
 */
export async function unsafeReadRefreshState(articleId: string) {
  const article = await prisma.article.findUnique({
    where: { id: articleId },
    select: { projectId: true, text: true, project: { select: { suggestOnImport: true, blindAnnotation: true } } },
  });
  if (!article) return null;
  const rows = await prisma.suggestion.findMany({
    where: { articleId, supersededAt: null },
    orderBy: [{ start: "asc" }, { end: "asc" }, { id: "asc" }],
    select: { ...ROW, forUserId: true },
  });
  return {
    projectId: article.projectId,
    text: article.text,
    suggestOnImport: article.project.suggestOnImport,
    blind: article.project.blindAnnotation,
    rows: rows.map((row) => ({ ...rowOf(row), forUserId: row.forUserId })),
  };
}
