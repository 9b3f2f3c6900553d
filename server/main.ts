/**
 * Margin's server process (`npm run dev`, `npm start`): opens the database (DATABASE_URL or the embedded
 * PostgreSQL), applies migrations, seeds the demo into an empty development database, then serves Next.js.
 * One process and one port, so that later the collaboration WebSocket shares the app's origin.
 */
import http from "node:http";
import type { Socket } from "node:net";
import next from "next";
import type { Database } from "@/lib/db/database";
import { disconnectPrisma } from "@/lib/db/prisma";
import { exitOnStartupError } from "@/lib/db/startup-error";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { boot } from "./boot";
import { listenPort } from "./environment";

const dev = process.env.NODE_ENV !== "production";

/** Behind a reverse proxy set TRUST_PROXY=1 so that rate limits see the client, not the proxy. */
function clientAddress(request: http.IncomingMessage): string {
  const forwarded = request.headers["x-forwarded-for"];
  if (process.env.TRUST_PROXY === "1" && typeof forwarded === "string") return forwarded.split(",")[0]!.trim();
  return request.socket.remoteAddress ?? "unknown";
}

async function main() {
  const started = Date.now();
  const { database, seeded } = await boot({ dev });
  const port = listenPort();
  if (seeded) console.log("margin: seeded the demo project (sign in as owner@example.com / margin-demo)");

  const app = next({ dev, dir: process.cwd(), port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();

  const server = http.createServer((request, response) => {
    // Overwrite whatever the client sent: this header is trusted by the sign-in rate limit.
    request.headers[CLIENT_IP_HEADER] = clientAddress(request);
    void handle(request, response);
  });
  // Next.js's own upgrades (hot reload in development).
  server.on("upgrade", (request, socket, head) => void upgrade(request, socket as Socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, process.env.HOST, resolve);
  });
  const where = database.embedded ? "embedded PostgreSQL" : "DATABASE_URL";
  console.log(`margin: ready on http://localhost:${port} in ${Date.now() - started} ms (${dev ? "development" : "production"}, ${where})`);
  registerShutdown(server, app, database);
}

function registerShutdown(server: http.Server, app: ReturnType<typeof next>, database: Database) {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`margin: ${signal} received, shutting down`);
    // Past this deadline something hangs; exit anyway rather than ignore the operator.
    setTimeout(() => process.exit(1), 8000).unref();
    server.close();
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 1000).unref();
    await app.close().catch(() => {});
    await disconnectPrisma().catch(() => {});
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch(exitOnStartupError);
