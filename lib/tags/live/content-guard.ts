/**
 * Every update a client sends to an article's content document is checked against what its sender may do
 * before Hocuspocus applies it (lib/tags/content-update.ts says the rule): only the schema's nodes, marks
 * and attributes, and text PostgreSQL can store; text changes only from those who may correct it; a tag's
 * mark moved on existing words only by its annotators or an owner, and each such move written into the
 * tag's history. A refused update closes that connection (4403) and changes nothing for anyone.
 *
 * The check needs the document as it was and as the update leaves it, so it runs on a shadow per loaded
 * content document: created from it on first use, fed every update the document takes, rebuilt after a
 * refusal (the refused update was applied to it), dropped when the document unloads.
 */
import "server-only";
import type { afterUnloadDocumentPayload, beforeSyncPayload, Extension, Hocuspocus } from "@hocuspocus/server";
import * as Y from "yjs";
import { can } from "@/lib/auth/permissions";
import { contextOf, type CollabContext } from "@/lib/collab/context";
import { documentName, REFUSED_UPDATE } from "@/lib/collab/names";
import { checkContentUpdate, type ContentSender, type SpanChange } from "@/lib/tags/content-update";
import { readTags } from "@/lib/tags/documents";
import { recordEvent, type Journal } from "@/lib/tags/journal";

/** y-protocols' sync message types that carry a document update: sync step 2 and an update. */
const CARRIES_UPDATE = new Set([1, 2]);

/** Writes what the editors' own mark changes did to their tags' history (the journal, with no change). */
export type HistoryWriter = (articleId: string, journal: Journal) => Promise<void>;

type Shadow = { doc: Y.Doc; stop: () => void };

function senderOf(context: CollabContext, readOnly: boolean): ContentSender {
  return {
    mayEditText: !readOnly && can(context.role, "articles:edit"),
    mayMark: !readOnly && can(context.role, "annotations:create"),
  };
}

export class ContentGuard implements Extension {
  readonly extensionName = "margin-content-guard";
  private instance: Hocuspocus | null = null;
  private readonly shadows = new Map<string, Shadow>();

  constructor(private readonly writeHistory: HistoryWriter) {}

  async onConfigure({ instance }: { instance: Hocuspocus }): Promise<void> {
    this.instance = instance;
  }

  async beforeSync({ connection, document, documentName: name, type, payload }: beforeSyncPayload): Promise<void> {
    const context = contextOf(connection);
    if (context?.kind !== "content" || !CARRIES_UPDATE.has(type)) return;
    const tags = await this.tagsOf(context.articleId);
    // From here to the verdict nothing waits: two connections' updates are checked one after the other.
    const shadow = this.shadowOf(name, document);
    const verdict = checkContentUpdate(shadow.doc, payload, senderOf(context, connection.readOnly), (id) => tags.has(id));
    if (!verdict.ok) {
      if (verdict.applied) this.dropShadow(name);
      throw Object.assign(new Error(`refused an update to ${name} from ${context.actor.userId}: ${verdict.reason}`), {
        code: 4403,
        reason: REFUSED_UPDATE,
      });
    }
    if (verdict.spanChanges.size) await this.record(context, verdict.spanChanges);
  }

  async afterUnloadDocument({ documentName: name }: afterUnloadDocumentPayload): Promise<void> {
    this.dropShadow(name);
  }

  /** The tags of the article as the server holds them. */
  private async tagsOf(articleId: string): Promise<ReturnType<typeof readTags>> {
    const name = documentName(articleId, "tags");
    const loaded = this.instance?.documents.get(name);
    if (loaded) return readTags(loaded);
    // A client connected to the content alone (a script): open the tags for a moment.
    const connection = await this.instance!.openDirectConnection(name);
    try {
      return readTags(connection.document!);
    } finally {
      await connection.disconnect({ unloadImmediately: false });
    }
  }

  private shadowOf(name: string, live: Y.Doc): Shadow {
    let shadow = this.shadows.get(name);
    if (!shadow) {
      // gc off: a character an update deletes still shows what it carried when the check compares.
      const doc = new Y.Doc({ gc: false });
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(live));
      const follow = (update: Uint8Array) => Y.applyUpdate(doc, update);
      live.on("update", follow);
      shadow = { doc, stop: () => live.off("update", follow) };
      this.shadows.set(name, shadow);
    }
    return shadow;
  }

  private dropShadow(name: string): void {
    this.shadows.get(name)?.stop();
    this.shadows.delete(name);
  }

  /** The sender's update moved tags' marks on existing words: each tag's history says so. */
  private async record(context: CollabContext, changes: Map<string, SpanChange>): Promise<void> {
    const journal: Journal = [];
    const at = new Date().toISOString();
    for (const [id, { from, to }] of changes)
      recordEvent(journal, id, context.actor.userId, "span_changed", at, { from, to, via: "editor" });
    await this.writeHistory(context.articleId, journal);
  }
}
