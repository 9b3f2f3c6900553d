/**
 * builtin:known-actors: the project's own knowledge. Every canonical name and alias of an actor already
 * tagged in the project (`context.knownActors`) is found wherever it appears in the text, as whole words
 * and with its case ("Apple" the company, not "apple" the fruit); a possessive's "'s" stays outside the
 * span. A longer name wins over a shorter one inside it ("Bank of England" over "England").
 */
import type { SuggestContext, Suggester, Suggestion } from "../suggester";
import type { ActorKind } from "@/lib/vocabulary";
import { spanKey } from "./words";

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function findKnownActors(text: string, context: SuggestContext = {}): Suggestion[] {
  const names: { name: string; canonicalName: string; kind?: ActorKind }[] = [];
  for (const actor of context.knownActors ?? []) {
    for (const name of [actor.name, ...(actor.aliases ?? [])]) {
      if (name.trim()) names.push({ name: name.trim(), canonicalName: actor.name, kind: actor.kind });
    }
  }
  // Longest first, so that a name inside a longer one is not taken on its own.
  names.sort((a, b) => b.name.length - a.name.length || a.name.localeCompare(b.name));
  const found: Suggestion[] = [];
  const taken: [number, number][] = [];
  for (const known of names) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])${escape(known.name)}(?![\\p{L}\\p{N}\\p{M}]|['’](?!s\\b)[\\p{L}])`, "gu");
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some(([from, to]) => from < end && start < to)) continue;
      taken.push([start, end]);
      found.push({
        key: spanKey("actor", start, end),
        label: "actor",
        start,
        end,
        text: match[0],
        score: 0.95,
        attributes: { canonicalName: known.canonicalName, ...(known.kind ? { kind: known.kind } : {}) },
      });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

export const knownActorsSuggester: Suggester = {
  name: "builtin:known-actors",
  version: "1",
  labels: ["actor"],
  suggest: findKnownActors,
};
