/**
 * The link from a quote or claim to whoever speaks: an existing actor tag of the article that covers the
 * speaker's words (a person's own tag beats a suggestion), otherwise the key of the actor suggestion on
 * those words, which `suggestAll` checks against the actors actually suggested.
 */
import type { SuggestContext } from "../suggester";
import { spanKey } from "./words";

export function linkSpeaker(span: { start: number; end: number }, context: SuggestContext = {}): string {
  const tag = (context.actorTags ?? []).find((tag) => tag.start <= span.start && span.end <= tag.end);
  return tag ? tag.id : spanKey("actor", span.start, span.end);
}
