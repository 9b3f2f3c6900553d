/**
 * A cluster of Margin's production server for tests and benchmarks: N processes (`npm start`, each on its
 * own loopback port) on one database, behind a deliberately non-sticky load balancer: a TCP proxy that
 * sends each new connection to the next instance in turn, skipping one that refuses it. Every request on a
 * new connection, and every reconnecting socket, may land anywhere, as behind a plain round-robin balancer.
 * It needs `next build` first, as lib/testing/server-process.ts does.
 */
import http from "node:http";
import { startRoundRobinProxy } from "@/scripts/cluster-proxy";
import { exitOf, startServerProcess, type ServerProcess } from "./server-process";

export type Instance = { index: number; port: number; process: ServerProcess | null };

export type Cluster = {
  instances: Instance[];
  /** The load balancer's port: http://127.0.0.1:<port>, ws://127.0.0.1:<port>/collab. */
  port: number;
  /** Starts instance `index` (again). */
  start(index: number): Promise<void>;
  /** Sends a signal to instance `index` and, unless it only pauses or resumes, waits for it to exit. */
  signal(index: number, signal: NodeJS.Signals): Promise<void>;
  /** Kills every instance and closes the proxy. */
  stop(): Promise<void>;
};

/**
 * Random loopback ports below Linux's ephemeral range (32768 and up, where outgoing connections take
 * theirs) and away from the embedded databases' (54329 and around).
 */
function basePort(): number {
  return 20_000 + Math.floor(Math.random() * 3000) * 4;
}

/**
 * Starts `count` instances on `databaseUrl` (a test file's own database) and the round-robin proxy in front.
 * `env` is added to each instance's environment.
 */
export async function startCluster(count: number, databaseUrl: string, env: Record<string, string> = {}): Promise<Cluster> {
  const first = basePort();
  const instances: Instance[] = Array.from({ length: count }, (_, index) => ({ index, port: first + index, process: null }));
  const start = async (index: number) => {
    const instance = instances[index]!;
    instance.process = await startServerProcess({ ...env, PORT: String(instance.port), DATABASE_URL: databaseUrl }, 120_000);
  };
  // The same balancer `npm run cluster` falls back to without HAProxy.
  const proxy = await startRoundRobinProxy(
    instances.map((instance) => instance.port),
    { port: 0, host: "127.0.0.1" },
  );
  // Started one after the other: the first applies migrations, and two Next.js servers starting at once on
  // two cores take longer than one after the other.
  try {
    for (let index = 0; index < count; index++) await start(index);
  } catch (error) {
    // One that did not start leaves none running behind it.
    for (const instance of instances) instance.process?.child.kill("SIGKILL");
    await proxy.stop();
    throw error;
  }
  return {
    instances,
    port: proxy.port,
    start,
    async signal(index, signal) {
      const child = instances[index]!.process?.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      if (signal === "SIGSTOP" || signal === "SIGCONT") return;
      await exitOf(child);
      instances[index]!.process = null;
    },
    async stop() {
      for (const instance of instances) {
        const child = instance.process?.child;
        if (child && child.exitCode === null && child.signalCode === null) {
          child.kill("SIGCONT");
          child.kill("SIGKILL");
          await exitOf(child);
        }
      }
      await proxy.stop();
    },
  };
}

/** An HTTP request on a connection of its own (so that the round-robin proxy picks the next instance). */
export function request(
  port: number,
  path: string,
  options: { method?: string; token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; headers: http.IncomingHttpHeaders }> {
  // `raw`: a body sent as it is (a form), with the content type the caller sets.
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: options.method ?? (body === undefined ? "GET" : "POST"),
        agent: false,
        headers: {
          connection: "close",
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
          ...options.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // Not JSON (a page): the text.
          }
          resolve({ status: response.statusCode ?? 0, body: parsed, headers: response.headers });
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}
