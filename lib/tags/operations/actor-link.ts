/**
 * An actor tag's record (attributes.actorId), checked and found as a tag is created or changed: a record
 * named by the caller must be one of the project's, and a tag left without one is linked by the rule of
 * lib/tags/actor-links.ts. Only where the caller gave the registry (`docs.actors`): the live operations
 * do; pure tests and imports that bring no registry leave attributes as they are.
 */
import { fail, ok } from "@/lib/errors";
import { linkActorTag, type ActorLink, type LinkedMention } from "../actor-links";
import type { Projection } from "../projection";
import type { TagRecord } from "../record";
import type { Attributes } from "../schema";
import type { ArticleDocs, TagResult } from "./rules";

export function linkActorAttributes(
  docs: ArticleDocs,
  id: string,
  attributes: Attributes,
  words: { start: number; end: number },
  projection: Projection,
  records: ReadonlyMap<string, TagRecord>,
): TagResult<{ attributes: Attributes; link: ActorLink | null }> {
  const index = docs.actors;
  if (!index) return ok({ attributes, link: null });
  const given = attributes.actorId;
  if (typeof given === "string") {
    if (!index.rootOf.has(given))
      return fail("bad_request", `attributes.actorId: no actor record "${given}" in this project`, "attributes");
    return ok({ attributes, link: null });
  }
  const mentions: LinkedMention[] = [];
  for (const [other, record] of records) {
    const actorId = record.attributes?.actorId;
    if (other === id || record.label !== "actor" || typeof actorId !== "string") continue;
    const span = projection.spans.get(other);
    if (span) mentions.push({ words: projection.text.slice(span.start, span.end), start: span.start, actorId });
  }
  const canonicalName = typeof attributes.canonicalName === "string" ? attributes.canonicalName : null;
  const link = linkActorTag({ words: projection.text.slice(words.start, words.end), start: words.start, canonicalName }, mentions, index);
  return ok({ attributes: link ? { ...attributes, actorId: link.actorId } : attributes, link });
}
