/** Deleting a tag and restoring an orphan onto its words. */
import { fail, ok } from "@/lib/errors";
import { deletedTags, deleteTag, markSpan, projectContent, readTags, tagsTrash, UNDO_DELETE_MS, unmarkTag, writeTag } from "../documents";
import { recordEvent } from "../journal";
import { convertOffset } from "../offsets";
import { type ArticleDocs, mayChange, missingTag, type TagActor, type TagResult } from "./rules";
import { relinkActors } from "./links";

export function removeTag(docs: ArticleDocs, actor: TagActor, id: string, now: string): TagResult<null> {
  const tag = readTags(docs.tags).get(id);
  if (!tag) return missingTag(docs, id);
  if (!mayChange(actor, tag)) return fail("forbidden", "Only the tag's author or a project owner may delete it");
  const projection = projectContent(docs.content);
  const span = projection.spans.get(id);
  unmarkTag(docs.content, id);
  deleteTag(
    docs.tags,
    id,
    now,
    span ? { text: projection.text.slice(span.start, span.end), start: span.start } : { text: null, start: null },
  );
  recordEvent(docs.journal, id, actor.userId, "deleted", now, { label: tag.label });
  if (tag.label === "actor") relinkActors(docs, new Map([[id, null]]), actor.userId, now);
  return ok(null);
}

/**
 * Undoes a recent deletion (its author's, or an owner's): the tag comes back as it was, on its words if
 * they are still in the text (nearest to where they were), otherwise as an orphan to attach again.
 */
function undeleteTag(docs: ArticleDocs, actor: TagActor, id: string, now: string): TagResult<{ id: string }> {
  const trashed = tagsTrash(docs.tags).get(id);
  if (!trashed || Date.parse(now) - Date.parse(trashed.at) > UNDO_DELETE_MS) return missingTag(docs, id);
  if (!mayChange(actor, trashed.record)) return fail("forbidden", "Only the tag's author or a project owner may undo its deletion");
  const projection = projectContent(docs.content);
  const start = trashed.text ? nearest(projection.text, trashed.text, trashed.start) : null;
  docs.tags.transact(() => {
    tagsTrash(docs.tags).delete(id);
    deletedTags(docs.tags).delete(id);
    writeTag(docs.tags, id, { ...trashed.record, updatedAt: now });
  });
  if (start !== null) markSpan(docs.content, id, { start, end: start + trashed.text!.length });
  recordEvent(docs.journal, id, actor.userId, "restored", now, { text: start === null ? null : trashed.text, undeleted: true });
  return ok({ id });
}

/** Where `text` occurs in `whole` nearest to UTF-16 offset `near` (null: anywhere), or null. */
function nearest(whole: string, text: string, near: number | null): number | null {
  let best: number | null = null;
  for (let at = whole.indexOf(text); at >= 0; at = whole.indexOf(text, at + 1)) {
    if (best === null || Math.abs(at - (near ?? 0)) < Math.abs(best - (near ?? 0))) best = at;
  }
  return best;
}

/**
 * Restores an orphan onto the same words if they are back in the text (its last words, at the place
 * nearest to where they were, `last.start` in code points); otherwise the caller must choose new words
 * (updateTag with a span). A tag deleted in the last hour is undeleted instead (undeleteTag).
 */
export function restoreTag(
  docs: ArticleDocs,
  actor: TagActor,
  id: string,
  last: { text: string; start: number | null } | null,
  now: string,
): TagResult<{ id: string }> {
  const tag = readTags(docs.tags).get(id);
  if (!tag) return deletedTags(docs.tags).has(id) ? undeleteTag(docs, actor, id, now) : missingTag(docs, id);
  if (!last) return missingTag(docs, id);
  if (!mayChange(actor, tag)) return fail("forbidden", "Only the tag's author or a project owner may restore it");
  const projection = projectContent(docs.content);
  if (projection.spans.has(id)) return ok({ id });
  const near =
    last.start === null ? 0 : convertOffset(projection.text, Math.min(last.start, [...projection.text].length), "codepoint", "utf16");
  const start = last.text ? nearest(projection.text, last.text, near) : null;
  if (start === null) return fail("bad_request", "Its words are no longer in the text: select new words to attach it to", "id");
  markSpan(docs.content, id, { start, end: start + last.text.length });
  writeTag(docs.tags, id, { updatedAt: now });
  recordEvent(docs.journal, id, actor.userId, "restored", now, { text: last.text });
  return ok({ id });
}
