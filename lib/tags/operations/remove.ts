/** Deleting a tag and restoring an orphan onto its words. */
import { fail, ok } from "@/lib/errors";
import { deleteTag, markSpan, projectContent, readTags, unmarkTag, writeTag } from "../documents";
import { recordEvent } from "../journal";
import { convertOffset } from "../offsets";
import { type ArticleDocs, mayChange, missingTag, type TagActor, type TagResult } from "./rules";
import { relinkActors } from "./links";

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
