/**
 * Every update a client sends to an article's content document is checked against what its sender may do
 * before Hocuspocus applies it (lib/tags/content-update.ts says the rule): only the schema's nodes, marks
 * and attributes, and text PostgreSQL can store; text changes only from those who may correct it; a tag's
 * marks on existing words moved only by its annotators or an owner (written into the tag's history), a
 * colleague's put back at once. A refused update closes that document's connection and changes nothing.
 *
 * The check needs the document as it was and as the update leaves it, so it runs on a shadow per loaded
 * content document: created from it on first use, fed every update the document takes, rebuilt after a
 * refusal (the refused update was applied to it), dropped when the document unloads.
 */
import "server-only";
import type {
  afterHandleMessagePayload,
  afterUnloadDocumentPayload,
  beforeSyncPayload,
  connectedPayload,
  Connection,
  Extension,
  Hocuspocus,
} from "@hocuspocus/server";
import * as Y from "yjs";
import { can } from "@/lib/auth/permissions";
import { contextOf, type CollabContext } from "@/lib/collab/context";
import { documentName, REFUSED_UPDATE } from "@/lib/collab/names";
import { applyReverts, checkContentUpdate, type ContentSender, type Revert, type SpanChange } from "@/lib/tags/content-update";
import { readTag, readTags } from "@/lib/tags/documents";
import { recordEvent, type Journal } from "@/lib/tags/journal";
import { annotatorsOf, type TagRecord } from "@/lib/tags/record";

/** y-protocols' sync message types that carry a document update: sync step 2 and an update. */
const CARRIES_UPDATE = new Set([1, 2]);

/** Writes what the editors' own mark changes did to their tags' history (the journal, with no change). */
export type HistoryWriter = (articleId: string, journal: Journal) => Promise<void>;

type Shadow = { doc: Y.Doc; stop: () => void };

/**
 * A client's answer to the first sync when it has nothing the server lacks (every fresh tab): nothing to
 * judge, and no reason to build the shadow of a large article (a second copy, as costly as loading it).
 */
function carriesNothing(update: Uint8Array): boolean {
  try {
    const { structs, ds } = Y.decodeUpdate(update);
    return structs.length === 0 && ds.clients.size === 0;
  } catch {
    return false;
  }
}

/** The origin of the guard's own changes (putting colleagues' marks back): persistence appends them. */
const CONTENT_GUARD = Symbol("content guard");

function senderOf(context: CollabContext, readOnly: boolean): ContentSender {
  return {
    mayEditText: !readOnly && can(context.role, "articles:edit"),
    mayMark: !readOnly && can(context.role, "annotations:create"),
    mayMarkAnyTag: !readOnly && context.role === "owner",
  };
}

export class ContentGuard implements Extension {
  readonly extensionName = "margin-content-guard";
  private instance: Hocuspocus | null = null;
  private readonly shadows = new Map<string, Shadow>();
  /** Per connection, the marks its update being applied moved and that go back (one message at a time). */
  private readonly reverts = new WeakMap<Connection, Revert[]>();

  constructor(private readonly writeHistory: HistoryWriter) {}

  async onConfigure({ instance }: { instance: Hocuspocus }): Promise<void> {
    this.instance = instance;
  }

  async beforeSync({ connection, document, documentName: name, type, payload }: beforeSyncPayload): Promise<void> {
    const context = contextOf(connection);
    if (context?.kind !== "content" || !CARRIES_UPDATE.has(type) || carriesNothing(payload)) return;
    const tags = await this.tagsOf(context.articleId);
    // From here to the verdict nothing waits: two connections' updates are checked one after the other.
    const shadow = this.shadowOf(name, document);
    const sender = context.actor.userId;
    const verdict = checkContentUpdate(shadow.doc, payload, senderOf(context, connection.readOnly), (id) => {
      const tag = tags(id);
      if (!tag) return "unknown";
      return annotatorsOf(tag).some((person) => person.id === sender) ? "own" : "foreign";
    });
    if (!verdict.ok) {
      if (verdict.applied) this.dropShadow(name);
      throw Object.assign(new Error(`refused an update to ${name} from ${context.actor.userId}: ${verdict.reason}`), {
        code: 4403,
        reason: REFUSED_UPDATE,
      });
    }
    if (verdict.reverts.length) this.reverts.set(connection, verdict.reverts);
    if (verdict.spanChanges.size) await this.record(context, verdict.spanChanges);
  }

  /**
   * Someone who may change the content opened it: the shadow their first change is judged on is built a
   * moment later (once the opening's syncs are answered), rather than on that change. A large article's
   * copy took a few hundred milliseconds, which the first tag after opening one waited for.
   */
  async connected({ connection, documentName: name }: connectedPayload): Promise<void> {
    const context = contextOf(connection);
    const sender = context?.kind === "content" ? senderOf(context, connection.readOnly) : null;
    if (!sender || !(sender.mayMark || sender.mayEditText)) return;
    setTimeout(() => {
      const document = this.instance?.documents.get(name);
      if (document) this.shadowOf(name, document);
    }, 1000).unref();
  }

  /** Once Hocuspocus has applied the update, colleagues' marks it moved are put back, for everyone. */
  async afterHandleMessage({ connection, document }: afterHandleMessagePayload): Promise<void> {
    const reverts = this.reverts.get(connection);
    if (!reverts) return;
    this.reverts.delete(connection);
    applyReverts(document, reverts, CONTENT_GUARD);
  }

  async afterUnloadDocument({ documentName: name }: afterUnloadDocumentPayload): Promise<void> {
    this.dropShadow(name);
  }

  /**
   * A tag of the article as the server holds it, looked up only for tags whose marks an update moved: not
   * every tag read on every keystroke.
   */
  private async tagsOf(articleId: string): Promise<(id: string) => TagRecord | undefined> {
    const name = documentName(articleId, "tags");
    const loaded = this.instance?.documents.get(name);
    if (loaded) return (id) => readTag(loaded, id);
    // A client connected to the content alone (a script): open the tags for a moment.
    const connection = await this.instance!.openDirectConnection(name);
    try {
      const tags = readTags(connection.document!);
      return (id) => tags.get(id);
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

  /** The sender moved marks of their own tags (or, as an owner, anyone's): each tag's history says so. */
  private async record(context: CollabContext, changes: Map<string, SpanChange>): Promise<void> {
    const journal: Journal = [];
    const at = new Date().toISOString();
    for (const [id, { from, to }] of changes)
      recordEvent(journal, id, context.actor.userId, "span_changed", at, { from, to, via: "editor" });
    await this.writeHistory(context.articleId, journal);
  }
}
