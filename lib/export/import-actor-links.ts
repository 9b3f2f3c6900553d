/**
 * Imported actor tags find their records as new tags do (lib/tags/actor-links.ts): a canonical name no record
 * answers to becomes one, and words link by the same rule. A record id the dataset brings counts only when it
 * is one of this project's records (a Margin export re-imported here); another instance's ids mean nothing.
 */
import "server-only";
import { unsafeReadActorIndex } from "@/lib/actors/data";
import { unsafeEnsureRecordsForNames } from "@/lib/actors/mutations";
import { buildActorIndex, linkActorTag, nameKey, type ActorIndex, type LinkedMention } from "@/lib/tags/actor-links";
import type { ImportedTagRow } from "./mutations";

export class ImportedActorLinks {
  private index: ActorIndex | null = null;

  constructor(
    private readonly projectId: string,
    private readonly userId: string | null,
  ) {}

  private async read(): Promise<ActorIndex> {
    this.index = buildActorIndex(await unsafeReadActorIndex(this.projectId));
    return this.index;
  }

  /** Sets `attributes.actorId` on the actor tags of one article's rows. */
  async link(rows: readonly ImportedTagRow[]): Promise<void> {
    const actors = rows.filter((row) => row.label === "actor").sort((a, b) => a.start - b.start);
    if (!actors.length) return;
    let index = this.index ?? (await this.read());
    for (const row of actors)
      if (typeof row.attributes.actorId === "string" && !index.rootOf.has(row.attributes.actorId)) delete row.attributes.actorId;
    const missing = new Map<string, { name: string; kind: string | null }>();
    for (const row of actors) {
      const name = typeof row.attributes.canonicalName === "string" ? row.attributes.canonicalName.trim() : "";
      const key = nameKey(name);
      if (typeof row.attributes.actorId === "string" || !key || index.byKey.has(key) || missing.has(key)) continue;
      missing.set(key, { name, kind: typeof row.attributes.kind === "string" ? row.attributes.kind : null });
    }
    if (missing.size) {
      await unsafeEnsureRecordsForNames(this.projectId, this.userId, [...missing.values()]);
      index = await this.read();
    }
    const mentions: LinkedMention[] = [];
    for (const row of actors) {
      if (typeof row.attributes.actorId !== "string") {
        const canonicalName = typeof row.attributes.canonicalName === "string" ? row.attributes.canonicalName : null;
        const link = linkActorTag({ words: row.text, start: row.start, canonicalName }, mentions, index);
        if (link) row.attributes.actorId = link.actorId;
      }
      if (typeof row.attributes.actorId === "string") mentions.push({ words: row.text, start: row.start, actorId: row.attributes.actorId });
    }
  }
}
