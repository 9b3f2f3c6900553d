/**
 * The collaboration server: Hocuspocus on the app's own HTTP server (path /collab), composed of extensions
 * (server/collaboration.ts composes Margin's). This class is the plumbing they share: the WebSocket
 * upgrade, the server's own connections to an article's documents, and an orderly shutdown that stores
 * everything received before any socket closes.
 */
import "server-only";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { Hocuspocus, type Extension } from "@hocuspocus/server";
import { WebSocketServer } from "ws";
import type * as Y from "yjs";
import type { CollabContext } from "./context";
import { documentName } from "./names";
import type { Persistence } from "./persistence";

export const COLLAB_PATH = "/collab";

/** An extension with something to let go of before the server stores and closes (listeners, sources). */
export type Releasable = { release(): void | Promise<void> };

export type CollaborationOptions = {
  /** Store debounce in ms (Hocuspocus' default 2000), and the longest a store may wait (10000). */
  debounce?: number;
  maxDebounce?: number;
  /** Largest WebSocket message in bytes; a larger one closes that connection only. */
  maxPayload?: number;
};

/** The server's own connections to an article's two documents (an API write), to let go of when done. */
export type OpenArticle = { content: Y.Doc; tags: Y.Doc; close(): Promise<void> };

export class Collaboration {
  readonly hocuspocus: Hocuspocus<CollabContext>;
  private readonly wss: WebSocketServer;

  constructor(
    readonly persistence: Persistence,
    private readonly extensions: Extension[],
    options: CollaborationOptions = {},
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? 16 * 1024 * 1024 });
    this.hocuspocus = new Hocuspocus<CollabContext>({
      name: "margin",
      debounce: options.debounce ?? 2000,
      maxDebounce: options.maxDebounce ?? 10_000,
      quiet: true,
      extensions,
    });
  }

  /** A loaded document of an article, if any. */
  loaded(name: string): Y.Doc | undefined {
    return this.hocuspocus.documents.get(name);
  }

  /** Opens both documents of an article as the server (loading them if nobody has them open). */
  async openArticle(articleId: string): Promise<OpenArticle> {
    const connections = await Promise.all([
      this.hocuspocus.openDirectConnection(documentName(articleId, "content")),
      this.hocuspocus.openDirectConnection(documentName(articleId, "tags")),
    ]);
    const [content, tags] = connections;
    return {
      content: content.document!,
      tags: tags.document!,
      // Not unloaded at once: the keep-loaded rule applies, as to a reader leaving.
      close: async () => void (await Promise.all(connections.map((connection) => connection.disconnect({ unloadImmediately: false })))),
    };
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

  /** Stores every open article, then closes all connections: nothing received is lost on shutdown. */
  async close(): Promise<void> {
    // Listeners and the server's own connections go first (blind views hold their tags documents open),
    // so that no store starts after this.
    for (const extension of this.extensions) {
      const releasable = extension as Partial<Releasable>;
      if (typeof releasable.release === "function") await Promise.resolve(releasable.release()).catch(() => {});
    }
    await this.persistence.storeLoaded();
    this.hocuspocus.closeConnections();
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    // Closing connections starts stores of their documents, and Hocuspocus may still hold debounced
    // ones: run those now and wait for every store, so that nothing is written after close resolves.
    this.hocuspocus.flushPendingStores();
    await this.persistence.settle();
  }
}
