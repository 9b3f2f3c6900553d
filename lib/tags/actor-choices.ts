import type { TagRecord } from "./record";

/**
 * The article's actor tags in reading order, as the speaker and source pickers list them: one choice per
 * actor (`primary`, its first mention), grouped by canonical name (or, without one, by their words) and
 * shown by its canonical name first; the other mentions are offered only where one is already linked.
 */
export type ActorChoice = { id: string; text: string; primary: boolean };

export function actorChoices(
  tags: ReadonlyMap<string, TagRecord>,
  spans: ReadonlyMap<string, { text: string; start: number }>,
): ActorChoice[] {
  const ordered = [...tags]
    .filter(([id, record]) => record.label === "actor" && spans.has(id))
    .map(([id, record]) => {
      const span = spans.get(id)!;
      return {
        id,
        words: span.text,
        start: span.start,
        canonical: (record.attributes.canonicalName as string | undefined)?.trim() || null,
      };
    })
    .sort((a, b) => a.start - b.start);
  const seen = new Set<string>();
  return ordered.map(({ id, words, canonical }) => {
    const key = (canonical ?? words).toLocaleLowerCase();
    const primary = !seen.has(key);
    seen.add(key);
    return { id, primary, text: canonical && canonical !== words ? `${canonical} (“${words}”)` : words };
  });
}
