/**
 * The built-in suggesters, offline and in process, and `suggestAll`, which runs them on one text and
 * makes their answers one: an actor found by two suggesters (the project's known names and the named
 * entities) is suggested once, the surer one kept; an actor already tagged on the same words is not
 * suggested again; and every quote's speaker and claim's source names an actor suggestion of this answer or
 * an actor tag of the context, or is left out.
 */
import type { SuggestContext, Suggester, Suggestion } from "../suggester";
import { actorsSuggester } from "./actors";
import { claimsSuggester } from "./claims";
import { figuresSuggester } from "./figures";
import { knownActorsSuggester } from "./known-actors";
import { quotesSuggester } from "./quotes";

export const BUILTIN_SUGGESTERS: readonly Suggester[] = [
  knownActorsSuggester,
  actorsSuggester,
  figuresSuggester,
  quotesSuggester,
  claimsSuggester,
];

/** A suggestion with its provenance. */
export type SuggestionFrom = Suggestion & { suggester: string; version: string };

export function suggestAll(
  text: string,
  context: SuggestContext = {},
  suggesters: readonly Suggester[] = BUILTIN_SUGGESTERS,
): SuggestionFrom[] {
  const byKey = new Map<string, SuggestionFrom>();
  for (const suggester of suggesters) {
    for (const suggestion of suggester.suggest(text, context)) {
      const held = byKey.get(suggestion.key);
      if (held && held.score >= suggestion.score) continue;
      byKey.set(suggestion.key, { ...suggestion, suggester: suggester.name, version: suggester.version });
    }
  }
  const tags = context.actorTags ?? [];
  const all = [...byKey.values()].filter(
    (suggestion) => suggestion.label !== "actor" || !tags.some((tag) => tag.start === suggestion.start && tag.end === suggestion.end),
  );
  const actors = all.filter((suggestion) => suggestion.label === "actor");
  const actorKeys = new Set(actors.map((actor) => actor.key));
  const tagIds = new Set(tags.map((tag) => tag.id));
  const resolve = (key: string | undefined): string | undefined => {
    if (key === undefined || actorKeys.has(key) || tagIds.has(key)) return key;
    const span = /^actor:(\d+)-(\d+)$/.exec(key);
    if (!span) return undefined;
    const [start, end] = [Number(span[1]), Number(span[2])];
    const tag = tags.find((candidate) => candidate.start < end && start < candidate.end);
    if (tag) return tag.id;
    return actors.find((actor) => actor.start < end && start < actor.end)?.key;
  };
  return all
    .map((suggestion) => {
      const { speakerKey, sourceKey, ...rest } = suggestion.attributes;
      const speaker = resolve(speakerKey);
      const source = resolve(sourceKey);
      return {
        ...suggestion,
        attributes: { ...rest, ...(speaker ? { speakerKey: speaker } : {}), ...(source ? { sourceKey: source } : {}) },
      };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label));
}
