/**
 * builtin:actors: people, organisations and governments named in the text (lib/suggestions/builtin/mentions.ts,
 * compromise plus rules), and groups that speak or are cited ("officials said", "according to residents":
 * lib/suggestions/builtin/speech.ts), and capitalised words that speak though compromise did not know
 * them as a name ("…,” said Okafor: a person, or an organisation by its last word). Each with its kind and its canonical name: a later "Mr. Witkoff"
 * stands for the "Steve Witkoff" named before.
 */
import type { Suggester, Suggestion } from "../suggester";
import { findMentions } from "./mentions";
import { findAttributions } from "./speech";
import { spanKey } from "./words";

export function findActors(text: string): Suggestion[] {
  const spans = findMentions(text).map((mention) => ({ ...mention, score: mention.score }));
  for (const { speaker } of findAttributions(text)) {
    if (!(speaker.group || speaker.guessed) || spans.some((span) => span.start < speaker.end && speaker.start < span.end)) continue;
    spans.push({
      start: speaker.start,
      end: speaker.end,
      kind: speaker.kind,
      canonicalName: speaker.canonicalName,
      score: speaker.group ? 0.6 : 0.5,
    });
  }
  return spans
    .sort((a, b) => a.start - b.start)
    .map((span) => ({
      key: spanKey("actor", span.start, span.end),
      label: "actor",
      start: span.start,
      end: span.end,
      text: text.slice(span.start, span.end),
      score: span.score,
      attributes: { kind: span.kind, canonicalName: span.canonicalName },
    }));
}

export const actorsSuggester: Suggester = { name: "builtin:actors", version: "2", labels: ["actor"], suggest: findActors };
