import type { TagRecord } from "./record";

/**
 * The article's actor tags in reading order, as the speaker and source pickers list them: one choice per
 * actor (`primary`, its first mention), grouped by the record it is linked to (`actorId`), else by its
 * canonical name, else by its words; shown by its record's name when the registry gave it (`recordNames`,
 * id → name), else by its canonical name, with its words beside. The other mentions are offered only where
 * one is already linked.
 */
export type ActorChoice = { id: string; text: string; primary: boolean };

export function actorChoices(
  tags: ReadonlyMap<string, TagRecord>,
  spans: ReadonlyMap<string, { text: string; start: number }>,
  recordNames: ReadonlyMap<string, string> = new Map(),
  /** A merged record's id → the record it counts for, so that their tags are one actor here. */
  rootOf: ReadonlyMap<string, string> = new Map(),
): ActorChoice[] {
  const ordered = [...tags]
    .filter(([id, record]) => record.label === "actor" && spans.has(id))
    .map(([id, record]) => {
      const span = spans.get(id)!;
      const actorId = typeof record.attributes.actorId === "string" ? record.attributes.actorId : null;
      return {
        id,
        words: span.text,
        start: span.start,
        actorId,
        canonical: (record.attributes.canonicalName as string | undefined)?.trim() || null,
      };
    })
    .sort((a, b) => a.start - b.start);
  const seen = new Set<string>();
  return ordered.map(({ id, words, actorId, canonical }) => {
    // Prefixed, so that a record id never meets a name spelt the same.
    const key = actorId ? `record:${rootOf.get(actorId) ?? actorId}` : `name:${(canonical ?? words).toLocaleLowerCase()}`;
    const primary = !seen.has(key);
    seen.add(key);
    const name = (actorId && recordNames.get(actorId)) || canonical;
    return { id, primary, text: name && name !== words ? `${name} (“${words}”)` : words };
  });
}
