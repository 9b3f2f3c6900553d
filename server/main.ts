/**
 * Margin's server process (`npm run dev`, `npm start`): opens the database (DATABASE_URL or the embedded
 * PostgreSQL), applies migrations, seeds the demo into an empty development database, then serves Next.js.
 * One process and one port, so that the collaboration WebSocket shares the app's origin. Several of them on
 * one PostgreSQL make a cluster (README, "Running several instances"): each reaches the others at its
 * MARGIN_PEER_URL, by default http://127.0.0.1:<PORT>, which suits instances on one machine.
 */
import http from "node:http";
import type { Socket } from "node:net";
import compression from "compression";
import next from "next";
import type { Collaboration } from "@/lib/collab/collaboration";
import { setCollaborationStatus } from "@/lib/collab/status";
import { handlePeerRequest, PEER_PATH } from "@/lib/tags/live/forwarding";
import { setLiveAnnotations } from "@/lib/tags/live/registry";
import { installSuggestOnImport } from "@/lib/suggestions/on-import";
import { installSuggestionRefresh } from "@/lib/suggestions/refresh";
import type { Database } from "@/lib/db/database";
import { disconnectPrisma, poolInstanceId } from "@/lib/db/prisma";
import { exitOnStartupError } from "@/lib/db/startup-error";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { boot } from "./boot";
import { startCollaboration } from "./collaboration";
import { listenPort } from "./environment";

const dev = process.env.NODE_ENV !== "production";

/**
 * Behind a reverse proxy set TRUST_PROXY=1 so that rate limits see the client, not the proxy. The proxy
 * appends the address it saw to X-Forwarded-For; anything to the left of it came from the client and could
 * be made up, so only the last entry counts.
 */
function clientAddress(request: http.IncomingMessage): string {
  const forwarded = request.headers["x-forwarded-for"];
  if (process.env.TRUST_PROXY === "1" && typeof forwarded === "string") return forwarded.split(",").at(-1)!.trim();
  return request.socket.remoteAddress ?? "unknown";
}

/**
 * Responses are compressed here rather than by Next.js (next.config.ts turns its own off): Next.js drops a
 * route's Content-Encoding and compresses only the types its list knows, which leaves out JSON Lines
 * (`application/jsonl`), the format of whole-archive exports.
 */
function compressible(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  // compression's types name Express' request and response; it reads only what Node's own have.
  const express = [request, response] as unknown as Parameters<typeof compression.filter>;
  return compression.filter(...express) || /^application\/jsonl\b/i.test(String(response.getHeader("content-type") ?? ""));
}
const compressing = compression({ filter: (request, response) => compressible(request, response) });

/** What has been started so far, stopped in reverse order whenever a signal arrives, even during boot. */
const running: { database?: Database; server?: http.Server; app?: ReturnType<typeof next>; collaboration?: Collaboration } = {};
let stopping = false;
let serving = true;

async function shutdown(signal: string, code = 0) {
  if (stopping) return;
  stopping = true;
  console.log(`margin: ${signal} received, shutting down`);
  // Past this deadline something hangs; exit anyway rather than ignore the operator.
  setTimeout(() => process.exit(1), 8000).unref();
  // Requests under way may finish until a second after the signal: stopping Next.js, the pool and the
  // embedded database follows, and the whole must stay within 2 s.
  const requestsDeadline = Date.now() + 1000;
  const { server, app, database, collaboration } = running;
  // The health check says "draining" from now on: a load balancer sends nothing new.
  serving = false;
  // Live documents first: everything received is stored before the sockets close.
  await collaboration?.close().catch((error: unknown) => console.error("[collab] close failed", error));
  if (server) {
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    // Requests under way get a moment to finish before their connections are cut.
    const cut = setTimeout(() => server.closeAllConnections(), Math.max(0, requestsDeadline - Date.now()));
    await closed;
    clearTimeout(cut);
  }
  await app?.close().catch(() => {});
  await disconnectPrisma({ final: true }).catch(() => {});
  await database?.stop();
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(signal, 0));

async function main() {
  const started = Date.now();
  const { database, seeded } = await boot({ dev, onDatabase: (opened) => (running.database = opened) });
  if (stopping) return;
  if (seeded) console.log("margin: seeded the demo project (sign in as owner@example.com / margin-demo)");
  const port = listenPort();

  const app = next({ dev, dir: process.cwd(), port });
  running.app = app;
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();

  // One id for the cluster's view of this process and for its database pool (lib/db/prisma.ts).
  const collab = startCollaboration({ instanceId: poolInstanceId() });
  const { collaboration, live, local, ownership } = collab;
  const server = http.createServer((request, response) => {
    // Live operations a peer forwards (for an article this instance owns) bypass Next.js.
    if (request.url === PEER_PATH) return void handlePeerRequest(request, response, local, ownership);
    // Overwrite whatever the client sent: this header is trusted by the sign-in rate limit.
    request.headers[CLIENT_IP_HEADER] = clientAddress(request);
    compressing(request as never, response as never, () => void handle(request, response));
  });
  running.server = server;
  // Keep idle connections longer than the usual proxy (60 s): a client reusing a connection the server is
  // closing at that very moment gets ECONNRESET, which Node's 5-second default made common (seen in CI).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  running.collaboration = collaboration;
  await collab.start(process.env.MARGIN_PEER_URL ?? `http://127.0.0.1:${port}`);
  setLiveAnnotations(live);
  installSuggestOnImport();
  installSuggestionRefresh();
  setCollaborationStatus(() => ({ serving, ownedArticles: ownership.ownedCount, instanceId: ownership.instanceId }));
  // /collab is the collaboration WebSocket; any other upgrade is Next.js's own (hot reload in development).
  server.on("upgrade", (request, socket, head) => {
    if (!collaboration.handleUpgrade(request, socket, head)) void upgrade(request, socket as Socket, head);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, process.env.HOST, resolve);
  });
  const where = database.embedded ? "embedded PostgreSQL" : "DATABASE_URL";
  console.log(`margin: ready on http://localhost:${port} in ${Date.now() - started} ms (${dev ? "development" : "production"}, ${where})`);
}

main().catch(async (error: unknown) => {
  // Stop what was started (the embedded database) before explaining why we could not go on.
  await running.database?.stop().catch(() => {});
  exitOnStartupError(error);
});
