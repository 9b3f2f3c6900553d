/**
 * A real collaboration server for tests (Hocuspocus over a real WebSocket on a loopback port) and Node
 * clients that connect to it the way the editor does: one socket, a provider per document.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { CONTENT_FIELD, documentName } from "@/lib/collab/names";
import { articleSchema } from "@/lib/editor/extensions";
import { editContent } from "@/lib/tags/documents";
import { handlePeerRequest, PEER_PATH } from "@/lib/tags/live/forwarding";
import { setLiveAnnotations } from "@/lib/tags/live/registry";
import { startCollaboration, type StartOptions } from "@/server/collaboration";

/** The server process's own collaboration server (server/collaboration.ts) on a loopback port, storing quickly. */
export async function startCollabServer(options: StartOptions = {}) {
  const running = startCollaboration({ debounce: 100, maxDebounce: 500, ...options });
  const { collaboration, live, local, publisher, ownership } = running;
  setLiveAnnotations(live);
  // Peers forward live operations here, as to the server process (lib/tags/live/forwarding.ts).
  const server = http.createServer((request, response) => {
    if (request.url === PEER_PATH) return void handlePeerRequest(request, response, local, ownership);
    response.writeHead(404).end();
  });
  server.on("upgrade", (request, socket, head) => {
    if (!collaboration.handleUpgrade(request, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await running.start(`http://127.0.0.1:${port}`);
  return {
    collaboration,
    live,
    publisher,
    ownership,
    url: `ws://127.0.0.1:${port}/collab`,
    port,
    async close() {
      await collaboration.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      setLiveAnnotations(undefined);
    },
  };
}

export type TestClient = Awaited<ReturnType<typeof connectClient>>;

/** Connects to an article's two documents with an API token, as scripts and the editor do. */
export async function connectClient(
  url: string,
  articleId: string,
  token: string,
  options: { waitForSync?: boolean; tagsViewOf?: string; cookie?: string } = {},
) {
  // A browser sends its session cookie with the upgrade request; the token is then empty, as in the editor.
  const cookie = options.cookie;
  const Polyfill = class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, cookie ? { headers: { cookie } } : undefined);
      // Destroyed while still connecting (a test ending while its server restarts), ws emits an error that
      // the provider, which has let go of the socket, no longer listens for: it would be an uncaught
      // exception. The provider learns of a socket's end from its close, which still comes.
      this.on("error", () => {});
    }
  };
  // Retry quickly (the attempt library refuses a delay below minDelay, so both are set).
  // Named as the editor names it, so that a cluster forwards the socket to the article's owner.
  const address = `${url}${url.includes("?") ? "&" : "?"}article=${encodeURIComponent(articleId)}`;
  const socket = new HocuspocusProviderWebsocket({ url: address, WebSocketPolyfill: Polyfill, delay: 50, minDelay: 50, maxDelay: 500 });
  const content = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentName(articleId, "content"),
    token,
    document: new Y.Doc(),
  });
  // A blind annotator reads their own view of the tags (lib/collab/names.ts).
  const tagsName = options.tagsViewOf ? documentName(articleId, "view", options.tagsViewOf) : documentName(articleId, "tags");
  const tags = new HocuspocusProvider({ websocketProvider: socket, name: tagsName, token, document: new Y.Doc() });
  content.attach();
  tags.attach();
  const synced = (provider: HocuspocusProvider) =>
    new Promise<void>((resolve, reject) => {
      if (provider.isSynced) return resolve();
      provider.on("synced", () => resolve());
      provider.on("authenticationFailed", ({ reason }: { reason: string }) => reject(new Error(`authentication failed: ${reason}`)));
    });
  const destroy = () => {
    content.destroy();
    tags.destroy();
    socket.destroy();
  };
  if (options.waitForSync ?? true) {
    try {
      await Promise.all([synced(content), synced(tags)]);
    } catch (error) {
      // Refused: stop the socket's retries, or it reconnects until the test's server closes under it.
      destroy();
      throw error;
    }
  }
  return { socket, content, tags, synced: () => Promise.all([synced(content), synced(tags)]), destroy };
}

/** Resolves once `check` holds, polling; rejects after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Resolves when the server answers an update of this provider's document as not applied: what it tells a
 * read-only connection (Hocuspocus' sync status message, type 8, with 0). Waiting for this instead of a
 * fixed pause says exactly when the server has handled the refused edit.
 */
export function refusedUpdate(provider: HocuspocusProvider): Promise<void> {
  return new Promise((resolve) => {
    const listener = ({ event }: { event: MessageEvent }) => {
      const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
      decoding.readVarString(decoder);
      if (decoding.readVarUint(decoder) !== 8 || decoding.readVarInt(decoder) !== 0) return;
      provider.off("message", listener);
      resolve();
    };
    provider.on("message", listener);
  });
}

/** Resolves when the server closes this provider's connection (its document's, or the whole socket). */
export function closedBy(provider: HocuspocusProvider): Promise<void> {
  return new Promise((resolve) => provider.on("close", () => resolve()));
}

/** A clock a test moves by hand (lib/collab/keep-loaded.ts), with the timers it holds. */
export function manualClock() {
  let now = 0;
  const timers: { at: number; run: () => void }[] = [];
  return {
    now: () => now,
    setTimeout: (run: () => void, ms: number) => void timers.push({ at: now + ms, run }),
    get pending() {
      return timers.length;
    },
    /** Moves time forward, running the timers that come due, in order. */
    advance(ms: number) {
      now += ms;
      timers.sort((a, b) => a.at - b.at);
      while (timers.length && timers[0]!.at <= now) timers.shift()!.run();
    },
  };
}

/**
 * Types ` <word>` at a random place between words, as a person correcting the text would: before a space
 * not followed by another inserted word. y-prosemirror finds what changed by comparing the old and new text,
 * and a word inserted just before a similar one ("[A7] [A3]") is taken for one inserted inside it, which
 * moves tag boundaries (a limitation noted in ARCHITECTURE.md). Words are bracketed (`[A7]`) by convention.
 */
export function typeWord(client: TestClient, word: string): void {
  editContent(client.content.document, (tr, projection) => {
    const spaces = [...projection.text.matchAll(/ (?!\[)/g)].map((match) => match.index);
    const at = spaces[Math.floor(Math.random() * spaces.length)]!;
    tr.insert(projection.positions[at]!, articleSchema.text(` ${word}`));
  });
}

/** Whether these clients hold one and the same content (its whole XML, marks and all). */
export function converged(clients: readonly TestClient[]): boolean {
  return new Set(clients.map((client) => JSON.stringify(client.content.document.getXmlFragment(CONTENT_FIELD).toJSON()))).size === 1;
}
