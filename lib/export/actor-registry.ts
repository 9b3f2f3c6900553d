/**
 * The project's actor registry in an export, pure: the rows data.ts reads once in the export's transaction
 * made into each actor tag's record (actorLinks: the root it counts for), and, for the actors formats, into
 * one entry per root record (merged_into_id null), each with what was merged into it. A merge is a redirect (lib/actors/mutations.ts): a merged record keeps its own name and aliases
 * and its tags count for its root (`rootId`), so the root's entry gathers them:
 * - aliases: the root's own, then each merged record's name and aliases (records in id order), each
 *   spelling once compared without case, never the root's own name;
 * - mergedIds: every record whose root it is, directly or through other merges, in id order.
 * Entries are ordered by name, then id, compared as strings of UTF-16 code units (never by a collation),
 * so that the same registry gives the same bytes on every server.
 */
import { ACTOR_KINDS, type ActorKind } from "@/lib/vocabulary";
import { compareStrings } from "./build";
import type { ExportActorRecord, ExportActorRegistry } from "./shape";

/** A row of actor_records as data.ts reads it. */
export type ActorRecordRow = {
  id: string;
  name: string;
  aliases: string[];
  kind: string | null;
  description: string | null;
  externalId: string | null;
  mergedIntoId: string | null;
  rootId: string;
};

/** An actor tag's record as the export names it: the root its tags count for, and that root's name. */
export type ActorLink = { id: string; name: string };
export type ActorLinks = ReadonlyMap<string, ActorLink>;

/**
 * Every record of the project by id, to the root it counts for (itself when it is one) with the root's
 * name: how an actor tag's stored actorId is resolved. A record whose root is missing (never, as merges
 * keep root_id) resolves to nothing rather than to a wrong record.
 */
export function actorLinks(rows: readonly ActorRecordRow[]): ActorLinks {
  const roots = new Map<string, ActorLink>();
  for (const row of rows) if (row.id === row.rootId) roots.set(row.id, { id: row.id, name: row.name });
  const links = new Map<string, ActorLink>();
  for (const row of rows) {
    const root = roots.get(row.rootId);
    if (root) links.set(row.id, root);
  }
  return links;
}

/** A kind the registry's schema allows, or null (a kind from elsewhere never leaks into the dataset). */
function kindOf(kind: string | null): ActorKind | null {
  return kind !== null && (ACTOR_KINDS as readonly string[]).includes(kind) ? (kind as ActorKind) : null;
}

function entryOf(root: ActorRecordRow, merged: readonly ActorRecordRow[]): ExportActorRecord {
  const seen = new Set([root.name.toLowerCase()]);
  const aliases: string[] = [];
  const spellings = [...root.aliases, ...merged.flatMap((record) => [record.name, ...record.aliases])];
  for (const spelling of spellings) {
    const key = spelling.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    aliases.push(spelling);
  }
  return {
    id: root.id,
    name: root.name,
    aliases,
    kind: kindOf(root.kind),
    description: root.description,
    externalId: root.externalId,
    mergedIds: merged.map((record) => record.id),
  };
}

/** One entry per root of `rows`; `listsAll` as the export decided it (see ExportActorRegistry). */
export function buildActorRegistry(rows: readonly ActorRecordRow[], listsAll: boolean): ExportActorRegistry {
  const byId = [...rows].sort((a, b) => compareStrings(a.id, b.id));
  const merged = new Map<string, ActorRecordRow[]>();
  for (const row of byId) {
    if (row.mergedIntoId === null) continue;
    const list = merged.get(row.rootId);
    if (list) list.push(row);
    else merged.set(row.rootId, [row]);
  }
  const records = byId
    .filter((row) => row.mergedIntoId === null)
    .map((root) => entryOf(root, merged.get(root.id) ?? []))
    .sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.id, b.id));
  return { records, listsAll };
}
