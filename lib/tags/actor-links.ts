/**
 * How a new actor tag finds its record in the project's registry (lib/actors) when nobody picked one: the
 * rule README's "Actors" section documents, pure so that it is tested on its own fixtures. In order:
 *
 * 1. Its canonical name, when the tag was given one (an API client, an import, a suggestion), is looked up
 *    among the records' names and aliases.
 * 2. The same words already linked in this article (after the normalization below) link the same way.
 * 3. A single word after a longer name of this article that ends with it is that name's surname:
 *    "Witkoff" after "Steve Witkoff" is Steve Witkoff's.
 * 4. Its words are looked up among the records' names and aliases.
 *
 * Words are compared without case, surrounding punctuation or quotation marks, with curly apostrophes as
 * straight ones, without a possessive ("Witkoff's", "Reuters'") and without a courtesy or office title in
 * front ("Mr. Witkoff", "Dr Brandt", "Sen. Warren"); so "Mr. X" and "X's" resolve as "X" does. Records'
 * names and aliases are compared the same way. A look-up that finds two records links to neither: the tag
 * stays unlinked and the registry's checks list it.
 */

export type ActorIndexEntry = { id: string; rootId: string; name: string; aliases: readonly string[] };

/** Names and aliases of a project's records, each key to the roots it may mean. */
export type ActorIndex = { byKey: Map<string, Set<string>>; rootOf: Map<string, string> };

export type ActorLink = { actorId: string; rule: "canonical-name" | "same-words" | "surname" | "registry" };

/** Another actor tag of the article: its words, where it starts, the record it is linked to. */
export type LinkedMention = { words: string; start: number; actorId: string };

const TITLES = new Set([
  "mr",
  "mrs",
  "ms",
  "mx",
  "miss",
  "dr",
  "prof",
  "professor",
  "sir",
  "dame",
  "lord",
  "lady",
  "rev",
  "sen",
  "senator",
  "rep",
  "representative",
  "gov",
  "governor",
  "gen",
  "general",
  "col",
  "capt",
  "lt",
  "judge",
  "justice",
  "president",
  "minister",
  "mayor",
  "chancellor",
]);

const EDGE_PUNCTUATION = /^[\s"'“”‘’«»‹›„‚()[\]{},;:!?—–-]+|[\s"'“”‘’«»‹›„‚()[\]{},;:!?—–-]+$/gu;

/** The key a name is compared by (see above); "" when nothing is left. */
export function nameKey(words: string): string {
  let key = words
    .normalize("NFC")
    .replace(/[‘’ʼ`´]/g, "'")
    .replace(/\s+/g, " ")
    .toLocaleLowerCase()
    .replace(EDGE_PUNCTUATION, "");
  // A possessive: "witkoff's" → "witkoff"; "reuters'" → "reuters".
  key = key.replace(/'s$/u, "").replace(/(?<=s)'$/u, "");
  const tokens = key.split(" ");
  // A title in front, when a name follows it: "mr. witkoff", "dr brandt", "prime minister"
  // stays "prime minister" (nothing after the title).
  while (tokens.length > 1 && TITLES.has(tokens[0]!.replace(/\.$/, ""))) tokens.shift();
  return tokens.join(" ").replace(EDGE_PUNCTUATION, "");
}

export function buildActorIndex(entries: readonly ActorIndexEntry[]): ActorIndex {
  const byKey = new Map<string, Set<string>>();
  const rootOf = new Map<string, string>();
  for (const entry of entries) {
    rootOf.set(entry.id, entry.rootId);
    for (const name of [entry.name, ...entry.aliases]) {
      const key = nameKey(name);
      if (!key) continue;
      const roots = byKey.get(key) ?? new Set<string>();
      roots.add(entry.rootId);
      byKey.set(key, roots);
    }
  }
  return { byKey, rootOf };
}

/** The one record `candidates` agree on, or null when none or several. */
function only(candidates: Iterable<string>): string | null {
  const distinct = new Set(candidates);
  return distinct.size === 1 ? [...distinct][0]! : null;
}

/** The record a new actor tag on `words` (starting at `start`) links to by the rule above, or null. */
export function linkActorTag(
  tag: { words: string; start: number; canonicalName?: string | null },
  mentions: readonly LinkedMention[],
  index: ActorIndex,
): ActorLink | null {
  const root = (id: string) => index.rootOf.get(id) ?? null;
  const canonical = tag.canonicalName ? nameKey(tag.canonicalName) : "";
  if (canonical) {
    const found = only(index.byKey.get(canonical) ?? []);
    if (found) return { actorId: found, rule: "canonical-name" };
  }
  const key = nameKey(tag.words);
  if (!key) return null;
  const linked = mentions.map((mention) => ({ ...mention, key: nameKey(mention.words), root: root(mention.actorId) }));
  const same = only(linked.filter((mention) => mention.key === key && mention.root).map((mention) => mention.root!));
  if (same) return { actorId: same, rule: "same-words" };
  if (!key.includes(" ")) {
    const surname = only(
      linked
        .filter((mention) => mention.start < tag.start && mention.root && mention.key.includes(" ") && mention.key.endsWith(` ${key}`))
        .map((mention) => mention.root!),
    );
    if (surname) return { actorId: surname, rule: "surname" };
  }
  const registered = only(index.byKey.get(key) ?? []);
  return registered ? { actorId: registered, rule: "registry" } : null;
}
