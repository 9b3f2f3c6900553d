/**
 * Durability of live documents, as a Hocuspocus extension. Each update is appended to PostgreSQL as it
 * arrives (onChange), so a crash loses nothing a client sent; a store (Hocuspocus' debounce, 2 s to 10 s)
 * writes a snapshot of both documents of the article and drops the updates it contains. What the server
 * derives from the documents (the tags' projection) runs around the snapshot as a store step, given by
 * whoever composes the server (server/collaboration.ts), so that this file knows nothing of tags.
 *
 * Only the article's owner writes (lib/collab/ownership.ts): every write carries its epoch, and one that
 * PostgreSQL refuses (another instance took the article over) is neither acknowledged nor retried: the
 * client's socket is closed, and it sends its changes again to the new owner.
 */
import "server-only";
import {
  isTransactionOrigin,
  type afterHandleMessagePayload,
  type beforeSyncPayload,
  type Extension,
  type Hocuspocus,
  type onChangePayload,
  type onLoadDocumentPayload,
  type onStoreDocumentPayload,
} from "@hocuspocus/server";
import * as Y from "yjs";
import { storeHookPending } from "@/lib/upstream/hocuspocus";
import { withoutUpdateListeners } from "@/lib/upstream/yjs";
import { loadDocumentState } from "./data";
import { isMoving } from "./fence";
import { appendUpdate, saveSnapshot } from "./mutations";
import { documentName, parseDocumentName, type DocumentKind } from "./names";
import { StoreQueue } from "./store-queue";

/**
 * The origin of a change its writer appended to PostgreSQL before applying it (the server's tag
 * publishing): onChange must not append it twice.
 */
export const ALREADY_STORED = Symbol("already stored");

/** y-protocols' sync message types that carry a document update: sync step 2 and an update. */
const CARRIES_UPDATE = new Set([1, 2]);

/** A document of an article: the loaded one, or one built from PostgreSQL for a store nobody has open. */
export type StoredDocument = { doc: Y.Doc; loaded: boolean };
export type ArticleDocuments = Record<DocumentKind, StoredDocument>;

/**
 * Work around an article's snapshot: `snapshot` writes it; a step runs what must come before and after,
 * and fences its own writes with `epoch`.
 */
export type StoreStep = (articleId: string, documents: ArticleDocuments, snapshot: () => Promise<void>, epoch: bigint) => Promise<void>;

export type PersistenceOptions = {
  /**
   * Builds an article's documents the first time it is opened live, from what PostgreSQL holds, and stores
   * them; the states it stored, or null when they already existed (someone else built them meanwhile).
   */
  seed: (articleId: string) => Promise<Record<DocumentKind, Uint8Array> | null>;
  step?: StoreStep;
  /**
   * A change to make to a document as it loads, before anyone uses it (the registry's links the live tags
   * document takes up, lib/tags/live/actor-adoption.ts): `apply` runs in one transaction whose update is
   * appended, then `done` is told.
   */
  adopt?: (articleId: string, kind: DocumentKind, doc: Y.Doc) => Promise<{ apply: () => void; done: () => Promise<void> } | null>;
  /** The epoch this instance owns the article under; throws FencedError when it does not own it. */
  fence: (articleId: string) => bigint;
  /**
   * A client's connection whose update could not be stored here (the article moved, the database failed):
   * close its whole socket, so that its client reconnects, wherever the article is now, and sends it again.
   * (Hocuspocus would close only that document's connection, which the client does not reopen.)
   */
  onUnstored?: (connection: beforeSyncPayload["connection"], moving: boolean) => void;
};

export class Persistence implements Extension {
  readonly extensionName = "margin-persistence";
  private instance: Hocuspocus | null = null;
  /**
   * Per loaded document, the appended updates its state holds: all up to the last one read when it was
   * loaded, and those this process appended since (not those another instance appended meanwhile).
   */
  private readonly holds = new Map<string, { upTo: bigint | null; ids: Set<bigint> }>();
  /** Per connection, the id of its update appended and being applied (see beforeSync). */
  private readonly applying = new WeakMap<object, bigint>();
  private readonly queue = new StoreQueue(
    (articleId) => this.storeNow(articleId),
    (articleId, error) => console.error(`[collab] store of article ${articleId} failed`, error),
  );

  constructor(private readonly options: PersistenceOptions) {}

  async onConfigure({ instance }: { instance: Hocuspocus }): Promise<void> {
    this.instance = instance;
  }

  async onLoadDocument({ documentName: name, document }: onLoadDocumentPayload): Promise<void> {
    const parsed = parseDocumentName(name);
    if (!parsed) throw new Error(`unknown document ${name}`);
    // Views are derived, never stored (lib/tags/live/blind-views.ts).
    if (parsed.kind === "view") return;
    const { upTo, appended } = await this.load(parsed.articleId, parsed.kind, document);
    this.holds.set(name, { upTo, ids: new Set(appended === null ? [] : [appended]) });
  }

  /**
   * A client's update is appended before Hocuspocus applies it, and so before it tells the client the
   * update arrived: a client that leaves once acknowledged must find its words after a crash. (Appended in
   * onChange, as the server's own changes are, it could still be on its way to PostgreSQL when the
   * acknowledgement went out.) Runs after the guards, so a refused update is never stored, and skips
   * read-only connections, whose updates Hocuspocus discards.
   */
  async beforeSync({ connection, documentName: name, type, payload }: beforeSyncPayload): Promise<void> {
    const parsed = parseDocumentName(name);
    if (!parsed || parsed.kind === "view" || connection.readOnly || !CARRIES_UPDATE.has(type)) return;
    try {
      this.applying.set(connection, await appendUpdate(parsed.articleId, parsed.kind, payload, this.options.fence(parsed.articleId)));
    } catch (error) {
      // Not stored, so not applied nor acknowledged: the client keeps it and sends it again.
      this.options.onUnstored?.(connection, isMoving(error));
      throw error;
    }
  }

  /**
   * Only once applied does the update count as in the document: a snapshot taken between the append and
   * the apply must not drop its row. A connection's messages are handled one at a time, so one slot each.
   */
  async afterHandleMessage({ connection, documentName: name }: afterHandleMessagePayload): Promise<void> {
    const id = this.applying.get(connection);
    if (id === undefined) return;
    this.applying.delete(connection);
    this.noteAppended(name, id);
  }

  async onChange({ documentName: name, update, transactionOrigin }: onChangePayload): Promise<void> {
    const parsed = parseDocumentName(name);
    if (!parsed || parsed.kind === "view" || transactionOrigin === ALREADY_STORED) return;
    // A client's update was appended before it was applied (beforeSync).
    if (isTransactionOrigin(transactionOrigin) && transactionOrigin.source === "connection") return;
    this.noteAppended(name, await appendUpdate(parsed.articleId, parsed.kind, update, this.options.fence(parsed.articleId)));
  }

  async onStoreDocument({ documentName: name }: onStoreDocumentPayload): Promise<void> {
    const parsed = parseDocumentName(name);
    if (parsed && parsed.kind !== "view") await this.store(parsed.articleId);
  }

  /**
   * Appends a change the server made to a loaded document, now, for whoever must know it is durable before
   * answering (a tag operation's mark). onChange appends it too, on its own time: the same update twice is
   * applied once.
   */
  async appendNow(articleId: string, kind: DocumentKind, update: Uint8Array): Promise<void> {
    this.noteAppended(documentName(articleId, kind), await appendUpdate(articleId, kind, update, this.options.fence(articleId)));
  }

  /** Records that an update of document `name` was appended with this id (by onChange or a publisher). */
  noteAppended(name: string, id: bigint): void {
    this.holds.get(name)?.ids.add(id);
  }

  /** Stores an article now (one store per article at a time; see StoreQueue). */
  store(articleId: string): Promise<void> {
    return this.queue.store(articleId);
  }

  /** A loaded document, or one built from PostgreSQL when nobody has it open. */
  async documentOf(articleId: string, kind: DocumentKind): Promise<StoredDocument> {
    const loaded = this.instance?.documents.get(documentName(articleId, kind));
    if (loaded) return { doc: loaded, loaded: true };
    const doc = new Y.Doc();
    await this.load(articleId, kind, doc);
    return { doc, loaded: false };
  }

  /** Stores every article with a loaded document, a few at a time. */
  async storeLoaded(): Promise<void> {
    const names = [...(this.instance?.documents.keys() ?? [])];
    const queue = [...new Set(names.map((name) => parseDocumentName(name)?.articleId).filter((id): id is string => Boolean(id)))];
    // All at once, a busy server's stores queue for the database pool until the oldest transactions time
    // out (and what they held would be lost).
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let articleId = queue.shift(); articleId; articleId = queue.shift()) {
          await this.store(articleId).catch((error: unknown) =>
            console.error(`[collab] store of article ${articleId} on shutdown failed`, error),
          );
        }
      }),
    );
  }

  /** Resolves once no store runs or waits, here or in Hocuspocus' debouncer. */
  async settle(): Promise<void> {
    const hookPending = () =>
      this.queue
        .articleIds()
        .some((articleId) =>
          (["content", "tags"] as const).some(
            (kind) => this.instance !== null && storeHookPending(this.instance, documentName(articleId, kind)),
          ),
        );
    for (;;) {
      const pending = this.queue.pending();
      if (!pending.length && !hookPending()) return;
      await Promise.allSettled(pending);
      // Hocuspocus' store hooks reach store() a few ticks after they start; look again shortly.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Applies the stored state to `document`; the last appended update it read (null: none). */
  private async load(articleId: string, kind: DocumentKind, document: Y.Doc): Promise<{ upTo: bigint | null; appended: bigint | null }> {
    let read = await loadDocumentState(articleId, kind);
    if (!read) {
      // Built here just now, or by whoever held the seeding lock first (then it is stored).
      const seeded = await this.options.seed(articleId);
      read = seeded ? { updates: [seeded[kind]], upTo: null } : ((await loadDocumentState(articleId, kind)) ?? { updates: [], upTo: null });
    }
    const stored = read.updates;
    // Hocuspocus' document listens for updates (to broadcast them) while nobody is connected to receive
    // them yet: skip Yjs' encoding of the whole stored state for that listener (lib/upstream/yjs.ts).
    // Updates are idempotent: one both in the snapshot and still in the table applies once.
    withoutUpdateListeners(document, () => Y.transact(document, () => stored.forEach((update) => Y.applyUpdate(document, update))));
    return { upTo: read.upTo, appended: await this.adopt(articleId, kind, document) };
  }

  /** Makes the `adopt` option's change, appended like a client's: the id of its row, or null when none was made. */
  private async adopt(articleId: string, kind: DocumentKind, document: Y.Doc): Promise<bigint | null> {
    const adoption = await this.options.adopt?.(articleId, kind, document);
    if (!adoption) return null;
    const before = Y.encodeStateVector(document);
    Y.transact(document, adoption.apply, ALREADY_STORED);
    const update = Y.encodeStateAsUpdate(document, before);
    // An update that changes nothing is two bytes (no structs, no deletions).
    const id = update.length > 2 ? await appendUpdate(articleId, kind, update, this.options.fence(articleId)) : null;
    await adoption.done();
    return id;
  }

  private async storeNow(articleId: string): Promise<void> {
    let epoch: bigint;
    try {
      epoch = this.options.fence(articleId);
    } catch (error) {
      // Another instance owns the article now and stores it; what this one held is stale.
      if (isMoving(error)) return console.warn(`[collab] article ${articleId} not stored here: another instance owns it now`);
      throw error;
    }
    const [content, tags] = await Promise.all([this.documentOf(articleId, "content"), this.documentOf(articleId, "tags")]);
    const documents: ArticleDocuments = { content, tags };
    const snapshot = async () => {
      for (const kind of ["content", "tags"] as const) {
        const entry = documents[kind];
        if (!entry.loaded) continue;
        const name = documentName(articleId, kind);
        // Read what it holds before encoding: the snapshot then holds every one of those updates.
        const holds = this.holds.get(name);
        const ids = [...(holds?.ids ?? [])];
        await saveSnapshot(articleId, kind, Y.encodeStateAsUpdate(entry.doc), { upTo: holds?.upTo ?? null, ids }, epoch);
        for (const id of ids) holds?.ids.delete(id);
      }
    };
    await (this.options.step ? this.options.step(articleId, documents, snapshot, epoch) : snapshot());
  }
}
