/** What each store does to marks no tag owns (lib/tags/live/tidy.ts runs it through the publisher). */
import { contentRoot, deletedTags, markedTagIds, tagsMap, unmarkTags } from "../documents";
import type { ArticleDocs } from "./rules";

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
