/**
 * The collaboration server: Hocuspocus on the app's own HTTP server (path /collab), with Margin's rules.
 *
 * - Authentication: the editor's session cookie or a script's API token; membership decides access, and
 *   viewers' connections are read-only. Every connection to a tags document is read-only: the server
 *   writes tags (lib/tags/live/operations/operations.ts), so authorship and permissions are checked in one place.
 * - Durability: each update is appended to PostgreSQL as it arrives; a store (Hocuspocus' debounce, 2 s
 *   to 10 s) writes a snapshot, drops the updates it contains and rewrites the projection. The server is
 *   the only writer of tags documents, and clients cannot send back what a crash lost from one: so tags
 *   are written on a shadow copy, appended to PostgreSQL, and only then applied to the live document
 *   that colleagues see (publishTags).
 * - A reviewer may tag but not change the text: updates that would are refused.
 */
import "server-only";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { Hocuspocus, type DirectConnection } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import { WebSocketServer } from "ws";
import * as Y from "yjs";
import type { Actor } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { authorizeArticle } from "@/lib/auth/project-access";
import { authenticateSocket } from "@/lib/auth/socket-gate";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { tidyMarks, UNCLAIMED_MARK_GRACE_MS } from "@/lib/tags/operations";
import { contentFragment, contentRoot, readTags, syncTagsView } from "@/lib/tags/documents";
import { documentName, parseDocumentName, type DocumentKind } from "./names";
import { loadDocumentState } from "./data";
import type { Journal } from "@/lib/tags/journal";
import { onAccessChange, type AccessChange } from "./access-changes";
import { appendTagsUpdate, appendUpdate, saveSnapshot, seedDocuments, writeProjection } from "./mutations";
import { projectDocument } from "@/lib/tags/projection";

export const COLLAB_PATH = "/collab";

/** `kind` "view": a blind annotator's derived view of the tags document (lib/collab/names.ts). */
export type CollabContext = { actor: Actor; role: ProjectRole; projectId: string; articleId: string; kind: DocumentKind | "view" };

export type StatelessHandler = (input: {
  collaboration: Collaboration;
  context: CollabContext;
  payload: string;
  reply: (message: string) => void;
}) => Promise<void>;

export type CollaborationOptions = {
  /** Store debounce in ms (Hocuspocus' default 2000), and the longest a store may wait (10000). */
  debounce?: number;
  maxDebounce?: number;
  /** Largest WebSocket message in bytes; a larger one closes that connection only. */
  maxPayload?: number;
  /** Tag operations sent by editors over the tags document (lib/tags/live/operations/operations.ts). */
  onTagMessage?: StatelessHandler;
  /**
   * How long a document stays loaded after its last reader leaves (60000): a reload or a colleague opening
   * the article meanwhile skips reading and decoding it again (half a second for 5,000 tags).
   */
  keepLoadedMs?: number;
};

/** Thrown by beforeUnloadDocument to keep a document loaded; without a message, Hocuspocus logs nothing. */
class KeepLoaded extends Error {}

/** Plain text of the content document: what a reviewer's update must leave unchanged. */
function plainText(fragment: Y.XmlFragment | Y.XmlElement): string {
  return fragment
    .toArray()
    .map((child) =>
      child instanceof Y.XmlText
        ? (child.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("")
        : child instanceof Y.XmlElement
          ? `<${child.nodeName}>${plainText(child)}`
          : "",
    )
    .join("");
}

/** The Yjs update a Hocuspocus sync message carries, or null for other messages. */
function syncUpdate(message: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(message);
  decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  // Sync (0) or SyncReply (4), carrying sync step 2 (1) or an update (2).
  if (type !== 0 && type !== 4) return null;
  const syncType = decoding.readVarUint(decoder);
  return syncType === 1 || syncType === 2 ? decoding.readVarUint8Array(decoder) : null;
}

function changesText(document: Y.Doc, update: Uint8Array): boolean {
  const clone = new Y.Doc();
  Y.applyUpdate(clone, Y.encodeStateAsUpdate(document));
  const before = plainText(contentFragment(clone));
  Y.applyUpdate(clone, update);
  return plainText(contentFragment(clone)) !== before;
}

/** The origin of tag changes the server publishes: already appended, so onChange skips them. */
const PUBLISHED = Symbol("published tags");

export class Collaboration {
  readonly hocuspocus: Hocuspocus<CollabContext>;
  private readonly wss: WebSocketServer;
  /** Per live tags document, the shadow copy the server writes tags on (same state, its own client id). */
  private readonly shadows = new WeakMap<Y.Doc, Y.Doc>();
  /** Tag writes of one article, one at a time, so that they reach PostgreSQL in the order they were made. */
  private readonly tagWrites = new Map<string, Promise<unknown>>();
  /** Per article, the unknown tag ids marked in its text and when each was first seen (see tidyMarks). */
  private readonly unclaimed = new Map<string, Map<string, number>>();
  /** The id of the last update appended per document, whose state a snapshot then contains. */
  private readonly appended = new Map<string, bigint>();
  /** Per loaded document nobody is connected to, since when (see keepLoadedMs). */
  private readonly idleSince = new Map<string, number>();
  private closing = false;
  /** Per loaded view (by name), the direct connection that keeps its tags document loaded. */
  private readonly viewSources = new Map<string, DirectConnection>();
  /** Per article, the store under way and the one that will follow it (see store()). */
  private readonly stores = new Map<string, { running: Promise<void> | null; next: Promise<void> | null }>();

  /** Stops listening for access changes (see dropConnections). */
  private readonly stopListening: () => void;

  constructor(options: CollaborationOptions = {}) {
    this.stopListening = onAccessChange((change) => this.dropConnections(change));
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? 16 * 1024 * 1024 });
    this.hocuspocus = new Hocuspocus<CollabContext>({
      name: "margin",
      debounce: options.debounce ?? 2000,
      maxDebounce: options.maxDebounce ?? 10_000,
      quiet: true,
      onAuthenticate: async ({ token, requestHeaders, documentName: name, connectionConfig }) => {
        const parsed = parseDocumentName(name);
        const actor = parsed && (await authenticateSocket({ token, headers: requestHeaders }));
        if (!parsed || !actor) throw new Error("not authenticated");
        const access = await authorizeArticle(actor, parsed.articleId, "project:read");
        if (!access.ok) throw new Error("not found");
        // A blind annotator reads their own view of the tags, never the whole document; a view is its owner's.
        if (parsed.kind === "tags" && access.value.tagScope.kind === "own")
          throw new Error("blind annotation: connect to your own view of the tags");
        if (parsed.kind === "view" && parsed.viewOf !== actor.userId) throw new Error("not found");
        // Tags are written by the server only; text and marks by those whose role allows tagging.
        connectionConfig.readOnly = parsed.kind !== "content" || !can(access.value.role, "annotations:create");
        return {
          actor,
          role: access.value.role,
          projectId: access.value.projectId,
          articleId: parsed.articleId,
          kind: parsed.kind,
        } satisfies CollabContext;
      },
      onLoadDocument: async ({ documentName: name, document }) => {
        const parsed = parseDocumentName(name);
        if (!parsed) throw new Error(`unknown document ${name}`);
        if (parsed.kind === "view") await this.openView(name, parsed.articleId, parsed.viewOf, document);
        else await this.load(parsed.articleId, parsed.kind, document);
      },
      onChange: async ({ documentName: name, update, transactionOrigin }) => {
        const parsed = parseDocumentName(name);
        // Views are derived from the tags document, which holds everything they show.
        if (!parsed || parsed.kind === "view" || transactionOrigin === PUBLISHED) return;
        this.noteAppended(name, await appendUpdate(parsed.articleId, parsed.kind, update));
      },
      onStoreDocument: async ({ documentName: name }) => {
        const parsed = parseDocumentName(name);
        if (parsed && parsed.kind !== "view") await this.store(parsed.articleId);
      },
      afterUnloadDocument: async ({ documentName: name }) => {
        const source = this.viewSources.get(name);
        this.viewSources.delete(name);
        await source?.disconnect({ unloadImmediately: false });
      },
      beforeHandleMessage: async ({ context, document, update }) => {
        if (context?.kind !== "content" || can(context.role, "articles:edit")) return;
        const change = syncUpdate(update);
        if (change && changesText(document, change)) {
          throw Object.assign(new Error("reviewers may tag but not change the text"), { code: 4403, reason: "read-only text" });
        }
      },
      connected: async ({ documentName: name }) => {
        this.idleSince.delete(name);
      },
      beforeUnloadDocument: async ({ documentName: name, document }) => {
        const keepMs = options.keepLoadedMs ?? 60_000;
        if (this.closing || keepMs <= 0) return;
        const now = Date.now();
        const since = this.idleSince.get(name) ?? now;
        if (now - since >= keepMs) {
          this.idleSince.delete(name);
          return;
        }
        this.idleSince.set(name, since);
        // Hocuspocus asks again when the time is up, and unloads only if nobody has come back.
        setTimeout(() => void this.hocuspocus.unloadDocument(document), since + keepMs - now).unref();
        throw new KeepLoaded();
      },
      onStateless: async ({ connection, payload }) => {
        const context = connection.context as CollabContext | undefined;
        if (!context || context.kind === "content" || !options.onTagMessage) return;
        await options.onTagMessage({ collaboration: this, context, payload, reply: (message) => connection.sendStateless(message) });
      },
    });
  }

  /** Fills a blind annotator's view from the tags document, which stays loaded while the view is. */
  private async openView(name: string, articleId: string, userId: string, view: Y.Doc): Promise<void> {
    const source = await this.hocuspocus.openDirectConnection(documentName(articleId, "tags"));
    this.viewSources.set(name, source);
    syncTagsView(view, source.document!, userId);
  }

  /** Updates the loaded views of an article after its tags changed. */
  private refreshViews(articleId: string, live: Y.Doc): void {
    for (const [name, document] of this.hocuspocus.documents) {
      const parsed = parseDocumentName(name);
      if (parsed?.kind === "view" && parsed.articleId === articleId) syncTagsView(document, live, parsed.viewOf);
    }
  }

  private async load(articleId: string, kind: DocumentKind, document: Y.Doc): Promise<void> {
    let updates = await loadDocumentState(articleId, kind);
    if (!updates) {
      // Built here just now, or by whoever held the seeding lock first (then it is stored).
      const seeded = await seedDocuments(articleId);
      updates = seeded ? [seeded[kind]] : ((await loadDocumentState(articleId, kind)) ?? []);
    }
    // Hocuspocus' document listens for updates (to broadcast them), and Yjs would encode the whole stored
    // state once more for that listener, with nobody connected yet to send it to: a fifth of loading.
    const listeners = document._observers.get("update");
    document._observers.delete("update");
    try {
      // Updates are idempotent: one both in the snapshot and still in the table applies once.
      Y.transact(document, () => updates.forEach((update) => Y.applyUpdate(document, update)));
    } finally {
      if (listeners) document._observers.set("update", listeners);
    }
  }

  /** A loaded document, or one built from PostgreSQL when nobody has it open. */
  private async documentOf(articleId: string, kind: DocumentKind): Promise<{ doc: Y.Doc; loaded: boolean }> {
    const loaded = this.hocuspocus.documents.get(documentName(articleId, kind));
    if (loaded) return { doc: loaded, loaded: true };
    const doc = new Y.Doc();
    await this.load(articleId, kind, doc);
    return { doc, loaded: false };
  }

  private noteAppended(name: string, id: bigint): void {
    const previous = this.appended.get(name);
    if (previous === undefined || id > previous) this.appended.set(name, id);
  }

  private shadowOf(live: Y.Doc): Y.Doc {
    let shadow = this.shadows.get(live);
    if (!shadow) {
      // The shadow writes as a client of its own: sharing the live document's id would make Yjs, seeing
      // "its own" changes arrive from elsewhere, give the live document a new one (and log about it).
      shadow = new Y.Doc({ gc: live.gc });
      Y.applyUpdate(shadow, Y.encodeStateAsUpdate(live));
      this.shadows.set(live, shadow);
    }
    return shadow;
  }

  /**
   * Runs `write` on the shadow of an article's live tags document, appends what it changed to PostgreSQL
   * with what it recorded in `journal` (one transaction), then applies it to the live document: a
   * colleague never sees a tag the database does not hold. Writes of one article run one at a time, so
   * an operation's checks see every earlier operation's result (two reviewers deciding one tag at once:
   * the second sees the first's decision).
   */
  private publishTags<T>(articleId: string, live: Y.Doc, write: (tags: Y.Doc, journal: Journal) => T | Promise<T>): Promise<T> {
    const previous = this.tagWrites.get(articleId) ?? Promise.resolve();
    const next = previous.then(async () => {
      const shadow = this.shadowOf(live);
      const changes: Uint8Array[] = [];
      const journal: Journal = [];
      const collect = (update: Uint8Array) => changes.push(update);
      shadow.on("update", collect);
      let result: T;
      try {
        result = await write(shadow, journal);
      } catch (error) {
        // The shadow holds a change nobody will see: start again from the live document next time.
        if (changes.length) this.shadows.delete(live);
        throw error;
      } finally {
        shadow.off("update", collect);
      }
      if (changes.length || journal.length) {
        const change = changes.length ? Y.mergeUpdates(changes) : null;
        try {
          const id = await appendTagsUpdate(articleId, change, journal);
          if (id !== null) this.noteAppended(documentName(articleId, "tags"), id);
        } catch (error) {
          // Not stored, so not published: the shadow must forget it too.
          this.shadows.delete(live);
          throw error;
        }
        if (change) {
          Y.applyUpdate(live, change, PUBLISHED);
          this.refreshViews(articleId, live);
        }
      }
      return result;
    });
    this.tagWrites.set(
      articleId,
      next.catch(() => {}),
    );
    return next;
  }

  /**
   * Snapshots both documents of an article and rewrites its projection, one store per article at a time.
   * A store asked for while one runs waits for it; all those asked for meanwhile share the one that
   * follows, which reads the documents when it starts, so each caller's changes are stored when its
   * promise resolves, and a burst of tagging costs two stores, not one per tag.
   */
  store(articleId: string): Promise<void> {
    let state = this.stores.get(articleId);
    if (!state) this.stores.set(articleId, (state = { running: null, next: null }));
    const current = state;
    const run = () => {
      const running = this.storeNow(articleId);
      current.running = running;
      void running
        .catch((error: unknown) => console.error(`[collab] store of article ${articleId} failed`, error))
        .finally(() => {
          if (current.running === running) current.running = null;
        });
      return running;
    };
    if (!current.running) return run();
    current.next ??= current.running
      .catch(() => {})
      .then(() => {
        current.next = null;
        return run();
      });
    return current.next;
  }

  private async storeNow(articleId: string): Promise<void> {
    const [content, tags] = await Promise.all([this.documentOf(articleId, "content"), this.documentOf(articleId, "tags")]);
    // The content as ProseMirror reads it, built once for tidying and the projection (a quarter of a
    // second for 100,000 characters and 5,000 tags), again only if the content changed in between.
    let root = contentRoot(content.doc);
    if (content.loaded && tags.loaded) {
      // Marks no tag owns: a deleted tag's, copied back by a concurrent edit or an undo; one whose
      // creation never arrived (lib/tags/operations.ts).
      const unclaimed = this.unclaimed.get(articleId) ?? new Map<string, number>();
      const before = Y.encodeStateVector(content.doc);
      this.unclaimed.set(
        articleId,
        await this.publishTags(articleId, tags.doc, (shadow) =>
          tidyMarks({ content: content.doc, tags: shadow }, unclaimed, new Date(), UNCLAIMED_MARK_GRACE_MS, root),
        ),
      );
      if (!Buffer.from(before).equals(Y.encodeStateVector(content.doc))) root = contentRoot(content.doc);
    }
    for (const [kind, entry] of [
      ["content", content],
      ["tags", tags],
    ] as const) {
      if (!entry.loaded) continue;
      const name = documentName(articleId, kind);
      // Read the last appended id before encoding: the snapshot then holds every update up to it.
      const upTo = this.appended.get(name) ?? null;
      await saveSnapshot(articleId, kind, Y.encodeStateAsUpdate(entry.doc), upTo);
    }
    await writeProjection(articleId, projectDocument(root), readTags(tags.doc));
  }

  /**
   * Runs `edit` on an article's live documents as the server (an API write): the content document
   * directly, the tags document through publishTags. Clients see the change at once, and the projection
   * holds it before this resolves.
   */
  async edit<T>(articleId: string, edit: (documents: { content: Y.Doc; tags: Y.Doc; journal: Journal }) => T | Promise<T>): Promise<T> {
    const [content, tags] = await Promise.all([
      this.hocuspocus.openDirectConnection(documentName(articleId, "content")),
      this.hocuspocus.openDirectConnection(documentName(articleId, "tags")),
    ]);
    try {
      const result = await this.publishTags(articleId, tags.document!, (shadow, journal) =>
        edit({ content: content.document!, tags: shadow, journal }),
      );
      await this.store(articleId);
      return result;
    } finally {
      await Promise.all([content.disconnect({ unloadImmediately: false }), tags.disconnect({ unloadImmediately: false })]);
    }
  }

  /** Routes a WebSocket upgrade for /collab to Hocuspocus; false for other paths (Next.js' own). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? "/", "http://margin.local");
    if (url.pathname !== COLLAB_PATH) return false;
    // A page on another site could open a socket carrying our session cookie: only our own origin may.
    const origin = request.headers.origin;
    if (origin && new URL(origin).host !== request.headers.host) {
      socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return true;
    }
    this.wss.handleUpgrade(request, socket, head, (websocket) => {
      const headers = new Headers();
      for (const [key, value] of Object.entries(request.headers))
        if (value) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
      const connection = this.hocuspocus.handleConnection(
        websocket,
        new Request(`http://${request.headers.host ?? "localhost"}${request.url}`, { headers }),
      );
      websocket.on("message", (data: Buffer) => connection.handleMessage(new Uint8Array(data)));
      websocket.on("close", (code, reason) => connection.handleClose({ code, reason: reason.toString() }));
      websocket.on("error", () => websocket.terminate());
    });
    return true;
  }

  private async settleStores(): Promise<void> {
    const { debouncer } = this.hocuspocus;
    const hookPending = () =>
      [...this.stores.keys()].some((articleId) =>
        (["content", "tags"] as const).some((kind) => {
          const id = `onStoreDocument-${documentName(articleId, kind)}`;
          return debouncer.isDebounced(id) || debouncer.isCurrentlyExecuting(id);
        }),
      );
    for (;;) {
      const pending = [...this.stores.values()]
        .flatMap((state) => [state.running, state.next])
        .filter((store): store is Promise<void> => store !== null);
      if (!pending.length && !hookPending()) return;
      await Promise.allSettled(pending);
      // Hocuspocus' store hooks reach store() a few ticks after they start; look again shortly.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /**
   * Closes the sockets of someone whose access changed (lib/collab/access-changes.ts). Their clients
   * reconnect and are authorized afresh: under their new role, or refused. A whole socket, not one
   * document's connection: the editor's two documents share it, and the provider reconnects a socket.
   */
  private dropConnections(change: AccessChange): void {
    for (const document of this.hocuspocus.documents.values()) {
      for (const connection of document.getConnections()) {
        const context = connection.context as CollabContext | undefined;
        if (!context || context.actor.userId !== change.userId) continue;
        if ((change.projectId && context.projectId !== change.projectId) || (change.via && context.actor.via !== change.via)) continue;
        connection.webSocket.close(4403, "access changed");
      }
    }
  }

  /** Stores every open article, then closes all connections: nothing received is lost on shutdown. */
  async close(): Promise<void> {
    this.closing = true;
    this.stopListening();
    // Views hold their tags documents open; let go of them first, so that no store starts after this.
    const sources = [...this.viewSources.values()];
    this.viewSources.clear();
    await Promise.all(sources.map((source) => source.disconnect({ unloadImmediately: false }).catch(() => {})));
    const articles = new Set(
      [...this.hocuspocus.documents.keys()].map((name) => parseDocumentName(name)?.articleId).filter((id): id is string => Boolean(id)),
    );
    // A few at a time: all at once, a busy server's stores queue for the database pool until the
    // oldest transactions time out (and what they held would be lost).
    const queue = [...articles];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let articleId = queue.shift(); articleId; articleId = queue.shift())
          await this.store(articleId).catch((error: unknown) =>
            console.error(`[collab] store of article ${articleId} on shutdown failed`, error),
          );
      }),
    );
    this.hocuspocus.closeConnections();
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    // Closing connections starts stores of their documents, and Hocuspocus may still hold debounced
    // ones: run those now and wait for every store, so that nothing is written after close resolves.
    this.hocuspocus.flushPendingStores();
    await this.settleStores();
  }
}
