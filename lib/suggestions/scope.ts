/**
 * Whose suggestions someone is offered, and from what context they are computed: the blind rule of
 * suggestions. Suggestions are stored per article and shared, but a suggester's context (the project's
 * actor names, the article's actor tags it links speakers to) comes from tags, and in a blind project an
 * annotator must never learn a colleague's tags from it. So:
 *
 * - In an open project everyone shares one set (`forUserId` null), computed from every tag.
 * - In a blind project the shared set is computed from gold only: the canonical names of accepted tags, and
 *   no links to existing tags. It is what reviewers, owners and the import see, and what every annotator
 *   sees too.
 * - A blind project's annotator (an editor there, done or not) who runs the suggesters gets a set of their
 *   own (`forUserId` their id): gold plus their own tags' names, links only to their own tags. They are
 *   offered the shared set and their own, their own winning where both propose the same.
 *
 * Accepting makes the person's own tag: in an open project everyone then sees it, so the suggestion is no
 * longer offered to anyone; a blind annotator's accept or dismiss hides it from them alone (hiding it from
 * a colleague would tell them what was tagged).
 */
import { annotatesBlind } from "@/lib/auth/tag-scope";

export type SuggestionScope = {
  userId: string | null;
  blind: boolean;
  /** The set this person's runs write and which, besides the shared one, they are offered. */
  forUserId: string | null;
};

export function suggestionScope(access: { settings: { blindAnnotation: boolean }; role: string; userId: string | null }): SuggestionScope {
  return {
    userId: access.userId,
    blind: access.settings.blindAnnotation,
    forUserId: annotatesBlind(access) ? access.userId : null,
  };
}

/** Which tags a run's context may draw on: every tag, gold only, or gold and one person's own. */
export type ContextTags = { kind: "all" } | { kind: "gold" } | { kind: "gold-and-own"; userId: string };

export function contextTagsOf(scope: SuggestionScope): ContextTags {
  if (!scope.blind) return { kind: "all" };
  return scope.forUserId ? { kind: "gold-and-own", userId: scope.forUserId } : { kind: "gold" };
}
