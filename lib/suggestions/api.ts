/**
 * Suggestions as the HTTP API and the editor use them: listing what the caller is offered, accepting one
 * (it becomes the caller's tag through the same live operation as the tags API, so open editors show it at
 * once, its history naming the suggestion), accepting every one of a label above a score, dismissing one.
 */
import "server-only";
import type { Actor, ArticleAccess, ProjectAccess } from "@/lib/auth/context";
import { authorizeArticle, unwrapAccess } from "@/lib/auth/project-access";
import { AppError } from "@/lib/errors";
import { getAnnotation, type AnnotationView } from "@/lib/tags/data";
import { unwrapLive } from "@/lib/tags/api";
import { liveAnnotations } from "@/lib/tags/live/registry";
import { OffsetIndex, type OffsetUnit } from "@/lib/tags/offsets";
import type { Label } from "@/lib/vocabulary";
import {
  actorTagExists,
  listOfferedRows,
  readAcceptedTag,
  readAnsweredKeys,
  readArticleText,
  readTaggedSpans,
  unsafeFindSuggestion,
} from "./data";
import { recordDecision } from "./mutations";
import { suggestionScope, type SuggestionScope } from "./scope";
import { fitsText, suggestionKey, taggedSpanKey, tagAttributesOf, viewOf, type SuggestionRow, type SuggestionView } from "./stored";

type Access = ArticleAccess<"annotations:create">;

async function articleText(access: Access): Promise<string> {
  const text = await readArticleText(access.projectId, access.articleId);
  if (text === null) throw new AppError("not_found", `No article "${access.articleId}"`);
  return text;
}

/**
 * The rows offered to the caller: their sets (scope.ts), still on their words, not answered by them, and
 * not already a tag they see (same label, same words).
 */
async function offeredRows(access: ProjectAccess, articleId: string, text: string): Promise<SuggestionRow[]> {
  const scope = suggestionScope(access);
  const [rows, answered, tagged] = await Promise.all([
    listOfferedRows(articleId, scope),
    readAnsweredKeys(articleId, scope),
    readTaggedSpans(articleId, access.tagScope),
  ]);
  const offsets = new OffsetIndex(text);
  // Where the caller's own set and the shared one propose the same, their own is the one (its links are theirs).
  const own = new Set(rows.filter((row) => row.forUserId !== null).map(suggestionKey));
  return rows.filter((row) => {
    const key = suggestionKey(row);
    return (
      !answered.has(key) &&
      !tagged.has(taggedSpanKey(row.label, row.start, row.end)) &&
      (row.forUserId !== null || !own.has(key)) &&
      fitsText(offsets, row)
    );
  });
}

/** What the caller is offered on the article, ordered by start and end, offsets in `unit`. */
export async function listSuggestions(access: Access, unit: OffsetUnit): Promise<SuggestionView[]> {
  return listArticleSuggestions(access, access.articleId, unit);
}

/** The same for an article named apart from the access (the operator's CLI); not found outside the project. */
export async function listArticleSuggestions(access: ProjectAccess, articleId: string, unit: OffsetUnit): Promise<SuggestionView[]> {
  const text = await readArticleText(access.projectId, articleId);
  if (text === null) throw new AppError("not_found", `No article "${articleId}"`);
  const offsets = new OffsetIndex(text);
  return (await offeredRows(access, articleId, text)).map((row) => viewOf(row, offsets, unit));
}

/** The suggestion named by a path, authorized for the caller: not found for anyone whose sets do not hold it. */
export async function authorizeSuggestion(actor: Actor, id: string): Promise<{ access: Access; row: SuggestionRow }> {
  const found = await unsafeFindSuggestion(id);
  const missing = new AppError("not_found", `No suggestion "${id}"`);
  if (!found) throw missing;
  const access = await authorizeArticle(actor, found.articleId, "annotations:create");
  if (!access.ok && access.reason === "not_found") throw missing;
  const authorized = unwrapAccess(access);
  if (found.forUserId !== null && found.forUserId !== suggestionScope(authorized).forUserId) throw missing;
  return { access: authorized, row: found };
}

export type AcceptInput = { label?: Label; attributes?: Record<string, unknown> };
export type Accepted = { annotation: AnnotationView | null; unlinked?: true };

/**
 * The actor tag a quote's speaker or a claim's source leads to: the linked tag if the caller still sees it,
 * or the tag the linked actor suggestion became when it was accepted. `unlinked`: there was a link, but its
 * actor is not a tag yet (accept the actor first to have it linked).
 */
async function linkedTag(access: Access, scope: SuggestionScope, row: SuggestionRow): Promise<{ id: string | null; unlinked: boolean }> {
  const tagId = row.speakerTagId ?? row.sourceTagId;
  const suggestionId = row.speakerSuggestionId ?? row.sourceSuggestionId;
  if (tagId && (await actorTagExists(access.articleId, tagId, scope.forUserId))) return { id: tagId, unlinked: false };
  const accepted = suggestionId ? await readAcceptedTag(suggestionId, scope.forUserId) : null;
  if (accepted) return { id: accepted, unlinked: false };
  return { id: null, unlinked: tagId !== null || suggestionId !== null };
}

async function acceptRow(access: Access, row: SuggestionRow, input: AcceptInput, unit: OffsetUnit, text: string): Promise<Accepted> {
  const scope = suggestionScope(access);
  if (!access.userId) throw new AppError("forbidden", "Accepting a suggestion makes your tag: it needs a user");
  if (!fitsText(new OffsetIndex(text), row))
    throw new AppError("conflict", "The article's text changed under this suggestion since it was made: run the suggesters again");
  if ((await readAnsweredKeys(access.articleId, scope)).has(suggestionKey(row)))
    throw new AppError("conflict", "This suggestion was already accepted or dismissed");
  const label = input.label ?? row.label;
  const link = label === "quote" || label === "claim" ? await linkedTag(access, scope, row) : { id: null, unlinked: false };
  const attributes = {
    ...tagAttributesOf({ label, attributes: label === row.label ? row.attributes : {} }, link.id),
    ...input.attributes,
  };
  const { id } = unwrapLive(
    await liveAnnotations().create(access, {
      label,
      attributes,
      span: { start: row.start, end: row.end, unit: "codepoint" },
      provenance: { suggestionId: row.id, suggester: row.suggester, version: row.version, score: row.score },
    }),
  );
  // A second accept of the same row at the same moment was refused by the tag's creation (same words,
  // same label, same person): this one cannot conflict.
  await recordDecision(row.id, access.userId, "accepted", id);
  return { annotation: await getAnnotation(access, id, unit), ...(link.unlinked && !linksGiven(input) ? { unlinked: true as const } : {}) };
}

const linksGiven = (input: AcceptInput) =>
  input.attributes !== undefined && ("speakerId" in input.attributes || "sourceId" in input.attributes);

/** Makes a suggestion the caller's tag; 409 when they already answered it or the text moved under it. */
export async function acceptSuggestion(actor: Actor, id: string, input: AcceptInput, unit: OffsetUnit): Promise<Accepted> {
  const { access, row } = await authorizeSuggestion(actor, id);
  return acceptRow(access, row, input, unit, await articleText(access));
}

/**
 * Accepts every suggestion of `label` offered to the caller with a score of at least `minScore`, in reading
 * order. One that cannot become a tag (the caller already tagged those words so) is skipped and listed.
 */
export async function acceptAllAbove(access: Access, input: { label: Label; minScore: number }, unit: OffsetUnit) {
  const text = await articleText(access);
  const rows = (await offeredRows(access, access.articleId, text)).filter(
    (row) => row.label === input.label && row.score >= input.minScore,
  );
  const annotations: AnnotationView[] = [];
  const skipped: { id: string; message: string }[] = [];
  for (const row of rows) {
    try {
      const { annotation } = await acceptRow(access, row, {}, unit, text);
      if (annotation) annotations.push(annotation);
    } catch (error) {
      if (!(error instanceof AppError) || !["conflict", "bad_request"].includes(error.code)) throw error;
      skipped.push({ id: row.id, message: error.message });
    }
  }
  return { accepted: annotations.length, annotations, skipped };
}

/** The suggestion is no longer offered to the caller, nor brought back for them by a re-run. */
export async function dismissSuggestion(actor: Actor, id: string): Promise<void> {
  const { access, row } = await authorizeSuggestion(actor, id);
  if (!access.userId) throw new AppError("forbidden", "Dismissing a suggestion needs a user");
  if ((await readAnsweredKeys(access.articleId, suggestionScope(access))).has(suggestionKey(row)))
    throw new AppError("conflict", "This suggestion was already accepted or dismissed");
  const recorded = await recordDecision(row.id, access.userId, "dismissed");
  if (!recorded.ok) throw new AppError("conflict", recorded.message);
}
