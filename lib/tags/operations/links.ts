/** Links from quotes and claims to actor tags, kept pointing at a tag that exists. */
import { readTags, writeTag } from "../documents";
import { recordEvent } from "../journal";
import { LINK_ATTRIBUTES } from "../schema";
import type { ArticleDocs } from "./rules";

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
