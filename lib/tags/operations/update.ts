/** Changing a tag: its label, attributes, note or words, each change in its history. */
import { fail, ok } from "@/lib/errors";
import { markSpan, projectContent, readTags, unmarkTag, writeTag } from "../documents";
import { recordEvent } from "../journal";
import { statusOf, type TagRecord } from "../record";
import {
  ArticleDocs,
  checkAttributes,
  mayChange,
  missingTag,
  sameJson,
  TagActor,
  type TagResult,
  toUtf16,
  type UpdateInput,
  wordsIn,
} from "./rules";
import { relinkActors } from "./links";
import type { Attributes } from "../schema";
import { linkActorAttributes } from "./actor-link";

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
  const checked = checkAttributes(label, input.attributes ?? (input.label && input.label !== tag.label ? {} : tag.attributes), records);
  if (!checked.ok) return checked;
  let attributes: Attributes = checked.value;
  let moved: { from: string | null; to: string } | null = null;
  let words: { start: number; end: number } | undefined;
  // An actor tag's record is checked (or found) against the registry, when the caller gave it.
  const projection = input.span || (label === "actor" && docs.actors) ? projectContent(docs.content) : null;
  if (input.span && projection) {
    const span = toUtf16(projection.text, input.span);
    if (!span.ok) return span;
    const found = wordsIn(projection.text, span.value);
    if (!found) return fail("bad_request", "start/end cover no words", "start");
    words = found;
  }
  // Checked (and, without one, found) before anything is written: a refused record changes nothing.
  const span = words ?? projection?.spans.get(id);
  if (label === "actor" && projection && span) {
    const linked = linkActorAttributes(docs, id, attributes, span, projection, records);
    if (!linked.ok) return linked;
    attributes = linked.value.attributes;
  }
  if (words && projection) {
    const before = projection.spans.get(id);
    const from = before ? projection.text.slice(before.start, before.end) : null;
    if (!before || before.start !== words.start || before.end !== words.end)
      moved = { from, to: projection.text.slice(words.start, words.end) };
    unmarkTag(docs.content, id);
    markSpan(docs.content, id, words);
  }
  const note = input.note === undefined ? tag.note : input.note;
  writeTag(docs.tags, id, { label, attributes, note, updatedAt: now });
  if (label !== tag.label) recordEvent(docs.journal, id, actorId, "label_changed", now, { from: tag.label, to: label });
  if (tag.label === "actor" && label !== "actor") relinkActors(docs, new Map([[id, null]]), actorId, now);
  if (!sameJson(attributes, tag.attributes))
    recordEvent(docs.journal, id, actorId, "attributes_changed", now, { from: tag.attributes ?? {}, to: attributes });
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
