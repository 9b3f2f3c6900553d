/**
 * Tag operations on an article's two Yjs documents, as the server performs them: validation, the rules of
 * who may change what, and the edits. Pure over the documents (no network, no database), so that the HTTP
 * API, the editor's tag messages and the convergence tests run exactly this code. lib/tags/live/operations.ts
 * applies them to the live documents.
 */
import type * as Y from "yjs";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { fail, ok, type Result } from "@/lib/errors";
import {
  contentRoot,
  deletedTags,
  deleteTag,
  markedTagIds,
  markSpan,
  projectContent,
  readTags,
  statusOf,
  tagsMap,
  unmarkTag,
  unmarkTags,
  writeTag,
  type TagRecord,
} from "./documents";
import { recordEvent, type Journal } from "./journal";
import { parseFigure } from "./figure";
import { trimBreaks } from "./projection";
import { convertOffset, type OffsetUnit } from "./offsets";
import type { Label } from "@/lib/vocabulary";
import { ATTRIBUTE_SCHEMAS, LINK_ATTRIBUTES, type Attributes } from "./schema";

export type TagRefusal = "bad_request" | "not_found" | "forbidden" | "conflict";
export type TagResult<T> = Result<T, TagRefusal>;

/** The two documents, and where an operation records its history (absent in simulations that need none). */
export type ArticleDocs = { content: Y.Doc; tags: Y.Doc; journal?: Journal };
/** Who asks: the author of new tags, and whether they may change others' (owners may). */
export type TagActor = { userId: string; name: string; role: ProjectRole };
export type OffsetSpan = { start: number; end: number; unit: OffsetUnit };

export type CreateInput = { label: Label; attributes?: Attributes; note?: string | null } & (
  { span: OffsetSpan; id?: string } | { id: string; span?: undefined }
);
export type UpdateInput = { label?: Label; attributes?: Attributes; note?: string | null; span?: OffsetSpan };

/** Offsets in the caller's unit, as UTF-16 offsets of the live text, or why they do not fit it. */
function toUtf16(text: string, span: OffsetSpan): TagResult<{ start: number; end: number }> {
  const offsets = { start: 0, end: 0 };
  for (const name of ["start", "end"] as const) {
    try {
      offsets[name] = convertOffset(text, span[name], span.unit, "utf16");
    } catch (error) {
      return fail("bad_request", `${name}: ${(error as Error).message}`, name);
    }
  }
  if (offsets.start >= offsets.end) return fail("bad_request", "start/end: start must be before end", "start");
  return ok(offsets);
}

/** The span without breaks at its ends, or null when it holds nothing but breaks and spaces. */
function wordsIn(text: string, span: { start: number; end: number }): { start: number; end: number } | null {
  const words = trimBreaks(text, span);
  return words && /\S/u.test(text.slice(words.start, words.end)) ? words : null;
}

/** A tag that was deleted (or refused) is a conflict, not a missing one: the caller acted on stale state. */
export function missingTag(docs: ArticleDocs, id: string): TagResult<never> {
  return deletedTags(docs.tags).has(id) ? fail("conflict", `The tag "${id}" was deleted meanwhile`) : fail("not_found", `No tag "${id}"`);
}

function checkAttributes(label: Label, attributes: Attributes | undefined, tags: Map<string, TagRecord>): TagResult<Attributes> {
  const parsed = ATTRIBUTE_SCHEMAS[label].safeParse(attributes ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail("bad_request", `attributes${issue.path.length ? `.${issue.path.join(".")}` : ""}: ${issue.message}`, "attributes");
  }
  const link = LINK_ATTRIBUTES[label];
  const target = link ? (parsed.data as Record<string, unknown>)[link] : undefined;
  if (typeof target === "string" && tags.get(target)?.label !== "actor") {
    return fail("bad_request", `attributes.${link}: no actor tag "${target}" in this article`, "attributes");
  }
  return ok(parsed.data as Attributes);
}

/**
 * Points the quotes and claims that name an actor in `moves` as speaker or source at its new actor (a
 * merged copy's gold tag), or at nobody (null: the actor is deleted or no longer an actor), recording it in
 * their history: a link to a tag that is gone would be exported dangling, and would refuse every later
 * edit of the quote ("no actor tag") until someone cleared it by hand. One pass over the tags for all moves.
 */
export function relinkActors(docs: ArticleDocs, moves: Map<string, string | null>, actorId: string | null, now: string): void {
  if (!moves.size) return;
  for (const [id, tag] of readTags(docs.tags)) {
    const link = LINK_ATTRIBUTES[tag.label];
    const from = link ? tag.attributes?.[link] : undefined;
    if (typeof from !== "string" || !moves.has(from)) continue;
    const to = moves.get(from);
    const attributes = { ...tag.attributes };
    if (to) attributes[link!] = to;
    else delete attributes[link!];
    writeTag(docs.tags, id, { attributes, updatedAt: now });
    recordEvent(docs.journal, id, actorId, "attributes_changed", now, { from: tag.attributes, to: attributes });
  }
}

function mayChange(actor: TagActor, tag: TagRecord): boolean {
  return actor.role === "owner" || tag.authorId === actor.userId;
}

/**
 * Creates a tag. With a span (the API), the server marks the text; with only an id (the editor), the
 * client has already marked its selection and the server records the tag for it. Creating the same id
 * again as its author succeeds without a change: an editor whose answer was lost may ask twice.
 */
export function createTag(docs: ArticleDocs, actor: TagActor, input: CreateInput, id: string, now: string): TagResult<{ id: string }> {
  const records = readTags(docs.tags);
  const existing = records.get(id);
  if (existing)
    return existing.authorId === actor.userId && !input.span ? ok({ id }) : fail("bad_request", `a tag "${id}" already exists`, "id");
  if (deletedTags(docs.tags).has(id)) return fail("bad_request", `the tag "${id}" was deleted or refused`, "id");
  const created = recordTag(docs, actor, input, id, now, records);
  // The editor's mark for a refused tag must not linger: its id is retired, and the store removes the mark
  // wherever it turns up (tidyMarks), also if it arrives after this answer.
  if (!created.ok && !input.span) docs.tags.transact(() => deletedTags(docs.tags).set(id, now));
  return created;
}

function recordTag(
  docs: ArticleDocs,
  actor: TagActor,
  input: CreateInput,
  id: string,
  now: string,
  records: Map<string, TagRecord>,
): TagResult<{ id: string }> {
  const projection = projectContent(docs.content);
  let words: { start: number; end: number } | null | undefined;
  if (input.span) {
    const span = toUtf16(projection.text, input.span);
    if (!span.ok) return span;
    words = wordsIn(projection.text, span.value);
    if (!words) return fail("bad_request", "start/end cover no words", "start");
  } else {
    words = projection.spans.get(id);
    if (!words) return fail("bad_request", `no text is marked as tag "${id}"`, "id");
  }
  const given = input.attributes && Object.keys(input.attributes).length ? input.attributes : undefined;
  // A figure starts with what its words say ("more than 1,200" → 1200, approximate).
  const attributes = checkAttributes(
    input.label,
    given ?? (input.label === "figure" ? parseFigure(projection.text.slice(words.start, words.end)) : {}),
    records,
  );
  if (!attributes.ok) return attributes;
  // Marked only once everything is checked: a refused request writes nothing.
  if (input.span) markSpan(docs.content, id, words);
  writeTag(docs.tags, id, {
    label: input.label,
    authorId: actor.userId,
    authorName: actor.name,
    createdAt: now,
    updatedAt: now,
    attributes: attributes.value,
    note: input.note ?? null,
    status: "pending",
  });
  recordEvent(docs.journal, id, actor.userId, "created", now, {
    label: input.label,
    text: projection.text.slice(words.start, words.end),
    attributes: attributes.value,
  });
  return ok({ id });
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Checks and applies a new label, attributes, note or span to a tag, recording each change in its history.
 * Shared by updateTag (the author's edits) and reviewTag (a reviewer's correction while accepting).
 */
export function changeTag(
  docs: ArticleDocs,
  actorId: string,
  id: string,
  tag: TagRecord,
  input: UpdateInput,
  now: string,
  records = readTags(docs.tags),
): TagResult<{ labelOrSpanChanged: boolean }> {
  const label = input.label ?? tag.label;
  // Relabelling keeps attributes that still apply and drops the others.
  const attributes = checkAttributes(label, input.attributes ?? (input.label && input.label !== tag.label ? {} : tag.attributes), records);
  if (!attributes.ok) return attributes;
  let moved: { from: string | null; to: string } | null = null;
  if (input.span) {
    const projection = projectContent(docs.content);
    const span = toUtf16(projection.text, input.span);
    if (!span.ok) return span;
    const words = wordsIn(projection.text, span.value);
    if (!words) return fail("bad_request", "start/end cover no words", "start");
    const before = projection.spans.get(id);
    const from = before ? projection.text.slice(before.start, before.end) : null;
    if (!before || before.start !== words.start || before.end !== words.end)
      moved = { from, to: projection.text.slice(words.start, words.end) };
    unmarkTag(docs.content, id);
    markSpan(docs.content, id, words);
  }
  const note = input.note === undefined ? tag.note : input.note;
  writeTag(docs.tags, id, { label, attributes: attributes.value, note, updatedAt: now });
  if (label !== tag.label) recordEvent(docs.journal, id, actorId, "label_changed", now, { from: tag.label, to: label });
  if (tag.label === "actor" && label !== "actor") relinkActors(docs, new Map([[id, null]]), actorId, now);
  if (!sameJson(attributes.value, tag.attributes))
    recordEvent(docs.journal, id, actorId, "attributes_changed", now, { from: tag.attributes ?? {}, to: attributes.value });
  if ((note ?? null) !== (tag.note ?? null))
    recordEvent(docs.journal, id, actorId, "note_changed", now, { from: tag.note ?? null, to: note ?? null });
  if (moved) recordEvent(docs.journal, id, actorId, "span_changed", now, moved);
  return ok({ labelOrSpanChanged: label !== tag.label || moved !== null });
}

/**
 * Relabels, re-attributes, annotates or re-anchors a tag (a new span also restores an orphan). A new label
 * or span undoes a review decision: what was accepted is no longer what is there.
 */
export function updateTag(docs: ArticleDocs, actor: TagActor, id: string, input: UpdateInput, now: string): TagResult<{ id: string }> {
  const records = readTags(docs.tags);
  const tag = records.get(id);
  if (!tag) return missingTag(docs, id);
  if (!mayChange(actor, tag)) return fail("forbidden", "Only the tag's author or a project owner may change it");
  const changed = changeTag(docs, actor.userId, id, tag, input, now, records);
  if (!changed.ok) return changed;
  if (changed.value.labelOrSpanChanged && statusOf(tag) !== "pending") writeTag(docs.tags, id, { status: "pending", review: null });
  return ok({ id });
}

export function removeTag(docs: ArticleDocs, actor: TagActor, id: string, now: string): TagResult<null> {
  const tag = readTags(docs.tags).get(id);
  if (!tag) return missingTag(docs, id);
  if (!mayChange(actor, tag)) return fail("forbidden", "Only the tag's author or a project owner may delete it");
  unmarkTag(docs.content, id);
  deleteTag(docs.tags, id, now);
  recordEvent(docs.journal, id, actor.userId, "deleted", now, { label: tag.label });
  if (tag.label === "actor") relinkActors(docs, new Map([[id, null]]), actor.userId, now);
  return ok(null);
}

/**
 * Restores an orphan onto the same words if they are back in the text (its last words, at the place
 * nearest to where they were, `last.start` in code points); otherwise the caller must choose new words
 * (updateTag with a span).
 */
export function restoreTag(
  docs: ArticleDocs,
  actor: TagActor,
  id: string,
  last: { text: string; start: number | null },
  now: string,
): TagResult<{ id: string }> {
  const tag = readTags(docs.tags).get(id);
  if (!tag) return missingTag(docs, id);
  if (!mayChange(actor, tag)) return fail("forbidden", "Only the tag's author or a project owner may restore it");
  const projection = projectContent(docs.content);
  if (projection.spans.has(id)) return ok({ id });
  const matches: number[] = [];
  for (let at = projection.text.indexOf(last.text); last.text && at >= 0; at = projection.text.indexOf(last.text, at + 1)) matches.push(at);
  if (!matches.length) return fail("bad_request", "Its words are no longer in the text: select new words to attach it to", "id");
  const near =
    last.start === null ? 0 : convertOffset(projection.text, Math.min(last.start, [...projection.text].length), "codepoint", "utf16");
  const start = matches.reduce((best, at) => (Math.abs(at - near) < Math.abs(best - near) ? at : best));
  markSpan(docs.content, id, { start, end: start + last.text.length });
  writeTag(docs.tags, id, { updatedAt: now });
  recordEvent(docs.journal, id, actor.userId, "restored", now, { text: last.text });
  return ok({ id });
}

/** How long a mark may carry an id the server has not recorded before it counts as abandoned. */
export const UNCLAIMED_MARK_GRACE_MS = 60_000;

/**
 * What each store does to marks no tag owns. A deleted tag's mark (copied back by a concurrent edit or an
 * undo) is removed. A mark whose id is unknown is a tag being created (its request follows the mark, and
 * is sent again after a reconnection), or one whose request was lost: once it has been unknown for the
 * grace period (`unknown` holds when each was first seen), its id is retired and the mark removed.
 * Returns the unknown ids still within their grace. `root` is the content as ProseMirror reads it, when the
 * caller has built it already.
 */
export function tidyMarks(
  docs: ArticleDocs,
  unknown: ReadonlyMap<string, number>,
  now: Date,
  graceMs = UNCLAIMED_MARK_GRACE_MS,
  root = contentRoot(docs.content),
): Map<string, number> {
  const tags = tagsMap(docs.tags);
  const deleted = deletedTags(docs.tags);
  const remove = new Set<string>();
  const waiting = new Map<string, number>();
  for (const id of markedTagIds(root)) {
    if (tags.has(id)) continue;
    const since = unknown.get(id) ?? now.getTime();
    if (deleted.has(id)) remove.add(id);
    else if (now.getTime() - since >= graceMs) {
      deleted.set(id, now.toISOString());
      remove.add(id);
    } else waiting.set(id, since);
  }
  if (remove.size) unmarkTags(docs.content, remove);
  return waiting;
}
