/**
 * The collaboration server: Hocuspocus on the app's own HTTP server (path /collab), composed of extensions
 * (server/collaboration.ts composes Margin's). This class is the plumbing they share: the WebSocket
 * upgrade (a socket for an article another instance owns is forwarded to it, lib/collab/ownership.ts), the
 * server's own connections to an article's documents, and an orderly shutdown that stores everything
 * received before any socket closes.
 */
import "server-only";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { Hocuspocus, type Extension } from "@hocuspocus/server";
import { createProxyServer } from "http-proxy-3";
import { WebSocketServer, type WebSocket } from "ws";
import type * as Y from "yjs";
import { AppError } from "@/lib/errors";
import type { CollabContext } from "./context";
import { documentName, parseDocumentName } from "./names";
import type { Route } from "./ownership";
import type { Persistence } from "./persistence";

export const COLLAB_PATH = "/collab";

/** How long an owner has to answer a socket forwarded to it before the client is told to try again. */
const UPGRADE_TIMEOUT_MS = 3000;

/**
 * Set on a socket or request one instance forwards to another: the receiver serves it itself, whoever owns
 * the article by then, so that a request never travels in a circle while ownership moves.
 */
export const FORWARDED_HEADER = "x-margin-forwarded";

/** An extension with something to let go of before the server stores and closes (listeners, sources). */
export type Releasable = { release(): void | Promise<void> };

/** An extension with something to let go of once everything is stored (the ownership of articles). */
export type Finishable = { finish(): Promise<void> };

export type CollaborationOptions = {
  /** Store debounce in ms (Hocuspocus' default 2000), and the longest a store may wait (10000). */
  debounce?: number;
  maxDebounce?: number;
  /** Largest WebSocket message in bytes; a larger one closes that connection only. */
  maxPayload?: number;
  /** How long a socket may stay open without authenticating any document (10000). */
  authenticationTimeoutMs?: number;
};

/** Where an article's sockets are served: this instance, or the owner's address (lib/collab/ownership.ts). */
export type SocketRouter = (articleId: string) => Promise<Route>;

/** The target, host and origin of an upgrade request, or null when any of them cannot be read. */
function readUpgrade(request: IncomingMessage): { url: URL; origin: URL | null } | null {
  const host = request.headers.host;
  const target = request.url ?? "";
  // A host is a name or address and a port; anything else ("a b", "x/y") is not one.
  if (!host || !/^[\w.\-:[\]]+$/.test(host) || !target.startsWith("/")) return null;
  try {
    const url = new URL(target, `http://${host}`);
    const origin = request.headers.origin;
    return { url, origin: origin ? new URL(origin) : null };
  } catch {
    return null;
  }
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The server's own connections to an article's two documents (an API write), to let go of when done. */
export type OpenArticle = { content: Y.Doc; tags: Y.Doc; close(): Promise<void> };

export class Collaboration {
  readonly hocuspocus: Hocuspocus<CollabContext>;
  private readonly wss: WebSocketServer;
  private readonly authenticationTimeoutMs: number;
  /** Sockets that have not authenticated any document yet, with the timer that will close them. */
  private readonly awaitingAuthentication = new Map<WebSocket, ReturnType<typeof setTimeout>>();
  /** Open sockets by Hocuspocus' socket id, to close one a hook refused (see closeSocket). */
  private readonly sockets = new Map<string, WebSocket>();
  private closing = false;
  /** Clients' sockets forwarded to another instance: ended at shutdown, so that they reconnect elsewhere. */
  private readonly forwarded = new Set<Duplex>();
  /** Forwards sockets to the instance that owns their article. */
  private readonly proxy = createProxyServer({ ws: true, xfwd: true, connectTimeout: 5000 });

  constructor(
    readonly persistence: Persistence,
    private readonly extensions: Extension[],
    options: CollaborationOptions = {},
    private readonly router: SocketRouter | null = null,
  ) {
    // A peer that cannot be reached ends the client's socket; the client reconnects and is routed afresh.
    this.proxy.on("error", (error, _request, socket) => {
      console.warn(`[collab] forwarding a socket failed: ${error.message}`);
      if ("destroy" in socket) socket.destroy();
    });
    // An owner that accepts the connection but never answers (frozen: its kernel still accepts) would hold
    // the client until its editor gives up after 30 s of silence; end it sooner, so that the client tries
    // again, and is routed to whoever takes the article once the owner is found stale (ownership.ts).
    this.proxy.on("proxyReqWs", (outgoing, _request, socket) => {
      const timer = setTimeout(() => {
        console.warn(`[collab] the owner did not answer a forwarded socket within ${UPGRADE_TIMEOUT_MS} ms`);
        outgoing.destroy();
        socket.destroy();
      }, UPGRADE_TIMEOUT_MS);
      outgoing.once("upgrade", () => clearTimeout(timer));
      outgoing.once("response", () => clearTimeout(timer));
      outgoing.once("close", () => clearTimeout(timer));
    });
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? 16 * 1024 * 1024 });
    this.authenticationTimeoutMs = options.authenticationTimeoutMs ?? 10_000;
    const authentication: Extension = {
      extensionName: "margin-authentication-timeout",
      connected: async ({ connection }) => this.authenticated(connection.webSocket as unknown as WebSocket),
    };
    this.hocuspocus = new Hocuspocus<CollabContext>({
      name: "margin",
      debounce: options.debounce ?? 2000,
      maxDebounce: options.maxDebounce ?? 10_000,
      quiet: true,
      extensions: [...extensions, authentication],
    });
  }

  /**
   * Closes every socket connected to these articles' documents (another instance owns them now): their
   * clients reconnect and are forwarded there. Once nobody is connected the documents unload, unstored.
   */
  evict(articleIds: readonly string[], close: { code: number; reason: string }): void {
    const evicted = new Set(articleIds);
    for (const [name, document] of this.hocuspocus.documents) {
      const parsed = parseDocumentName(name);
      if (!parsed || !evicted.has(parsed.articleId)) continue;
      for (const connection of document.getConnections()) connection.webSocket.close(close.code, close.reason);
      void this.hocuspocus.unloadDocument(document);
    }
  }

  /** Closes a client's whole socket (a document it asked for lives on another instance: it reconnects there). */
  closeSocket(socketId: string, close: { code: number; reason: string }): void {
    this.sockets.get(socketId)?.close(close.code, close.reason);
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

  /**
   * Routes a WebSocket upgrade for /collab to Hocuspocus; false for other paths (Next.js' own). A request
   * whose target, Host or Origin cannot be read is answered 400 here, whatever its path: nothing below
   * should have to parse it.
   */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const parsed = readUpgrade(request);
    if (!parsed) {
      refuseUpgrade(socket, "400 Bad Request");
      return true;
    }
    if (parsed.url.pathname !== COLLAB_PATH) return false;
    // Shutting down: the clients just closed come back, and one let in now (or forwarded from here) would
    // hold the process past its deadline. They try again, and reach an instance that stays.
    if (this.closing) {
      refuseUpgrade(socket, "503 Service Unavailable");
      return true;
    }
    // A page on another site could open a socket carrying our session cookie: only our own origin may.
    if (parsed.origin && parsed.origin.host !== parsed.url.host) {
      refuseUpgrade(socket, "403 Forbidden");
      return true;
    }
    // The editor names its article (?article=<id>) so that its socket reaches the article's owner. A socket
    // that names none, or was forwarded here, is served here: a document of an article another instance
    // owns is then refused on loading, and its client reconnects.
    const articleId = parsed.url.searchParams.get("article");
    if (!this.router || !articleId || !parseDocumentName(documentName(articleId, "content")) || request.headers[FORWARDED_HEADER]) {
      this.accept(request, socket, head, parsed.url);
      return true;
    }
    this.router(articleId).then(
      (route) => {
        if (route.local) return this.accept(request, socket, head, parsed.url);
        request.headers[FORWARDED_HEADER] = "1";
        this.forwarded.add(socket);
        socket.once("close", () => this.forwarded.delete(socket));
        this.proxy.ws(request, socket, head, { target: route.address });
      },
      // Moving between instances: the client tries again shortly. Not routable otherwise (no such article):
      // served here, where it is authorized as any socket is, and refused with a reason its client understands.
      (error: unknown) =>
        error instanceof AppError && error.code === "unavailable"
          ? refuseUpgrade(socket, "503 Service Unavailable")
          : this.accept(request, socket, head, parsed.url),
    );
    return true;
  }

  private accept(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
    this.wss.handleUpgrade(request, socket, head, (websocket) => {
      const headers = new Headers();
      for (const [key, value] of Object.entries(request.headers))
        if (value) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
      const connection = this.hocuspocus.handleConnection(websocket, new Request(url, { headers }));
      const socketId = (connection as unknown as { socketId: string }).socketId;
      this.sockets.set(socketId, websocket);
      // A socket that authenticates no document soon is closed: an idle stranger holds nothing open.
      this.awaitingAuthentication.set(
        websocket,
        setTimeout(() => websocket.close(4401, "not authenticated"), this.authenticationTimeoutMs),
      );
      websocket.on("message", (data: Buffer) => connection.handleMessage(new Uint8Array(data)));
      websocket.on("close", (code, reason) => {
        this.sockets.delete(socketId);
        this.authenticated(websocket);
        connection.handleClose({ code, reason: reason.toString() });
      });
      websocket.on("error", () => websocket.terminate());
    });
  }

  private authenticated(websocket: WebSocket): void {
    clearTimeout(this.awaitingAuthentication.get(websocket));
    this.awaitingAuthentication.delete(websocket);
  }

  /** Stores every open article, then closes all connections: nothing received is lost on shutdown. */
  async close(): Promise<void> {
    this.closing = true;
    // Listeners and the server's own connections go first (blind views hold their tags documents open),
    // so that no store starts after this.
    for (const extension of this.extensions) {
      const releasable = extension as Partial<Releasable>;
      if (typeof releasable.release === "function") await Promise.resolve(releasable.release()).catch(() => {});
    }
    await this.persistence.storeLoaded();
    this.hocuspocus.closeConnections();
    for (const socket of this.forwarded) socket.destroy();
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    // Closing connections starts stores of their documents, and Hocuspocus may still hold debounced
    // ones: run those now and wait for every store, so that nothing is written after close resolves.
    this.hocuspocus.flushPendingStores();
    await this.persistence.settle();
    for (const extension of this.extensions) {
      const finishable = extension as Partial<Finishable>;
      if (typeof finishable.finish === "function") await finishable.finish().catch(() => {});
    }
    this.proxy.close();
  }
}
