/**
 * `npm run cluster -- --instances 3 [--port 8080]`: Margin as a cluster on this machine, to try it and to
 * watch it recover. N production instances (`npm start`, each on its own port after --port) on the
 * database `npm run dev` uses (the embedded PostgreSQL, or DATABASE_URL), behind HAProxy with
 * deploy/haproxy.cfg on --port; without HAProxy, behind a plain round-robin proxy. Kill one instance to
 * see its articles move; Ctrl-C stops everything in order: the balancer, the instances (SIGTERM: they
 * store and hand over), then the database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import type { Database } from "@/lib/db/database";
import { disconnectPrisma } from "@/lib/db/prisma";
import { exitOnStartupError, StartupError } from "@/lib/db/startup-error";
import { boot } from "@/server/boot";
import { findHaproxy, HAPROXY_CONFIG, startHaproxy, startRoundRobinProxy } from "./cluster-proxy";

const USAGE = "usage: npm run cluster -- --instances <1-16> [--port <port, 8080>]";

type Instance = { name: string; port: number; child: ChildProcess | null };

// The instances get this environment, not what boot() loads from the development .env files: each
// production instance reads its own (.env.production) as `npm start` does.
const inherited = { ...process.env };
const running: { database?: Database; instances: Instance[]; build?: ChildProcess; balancer?: { stop(): Promise<void> } } = {
  instances: [],
};
let stopping = false;

function say(line: string): void {
  process.stdout.write(`margin: ${line}\n`);
}

function readOptions(): { instances: number; port: number } {
  let values: { instances?: string; port?: string; help?: boolean };
  try {
    values = parseArgs({
      options: { instances: { type: "string" }, port: { type: "string" }, help: { type: "boolean", short: "h" } },
    }).values;
  } catch (error) {
    throw new StartupError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const instances = Number(values.instances ?? "");
  const port = Number(values.port ?? 8080);
  if (!Number.isInteger(instances) || instances < 1 || instances > 16) throw new StartupError(`--instances must be 1 to 16\n${USAGE}`);
  if (!Number.isInteger(port) || port < 1 || port + instances > 65535) throw new StartupError(`--port must be a port number\n${USAGE}`);
  return { instances, port };
}

/** Whether nothing listens on the port yet: a taken port is said plainly rather than as a child's crash. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/** Prints a child's output line by line with its name in front. */
function prefix(child: ChildProcess, name: string, onLine?: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on("line", (line) => {
      process.stdout.write(`[${name}] ${line}\n`);
      onLine?.(line);
    });
  }
}

/** `next build` when there is no production build yet; an existing one is used as it is. */
async function ensureBuild(): Promise<void> {
  if (fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) return;
  say("no production build yet: running `next build`");
  const build = spawn(path.join(process.cwd(), "node_modules", ".bin", "next"), ["build"], { stdio: "inherit" });
  running.build = build;
  const code = await new Promise<number | null>((resolve) => {
    build.once("exit", resolve);
    build.once("error", () => resolve(null));
  });
  running.build = undefined;
  if (code !== 0 && !stopping) throw new StartupError(`next build failed (exit code ${code})`);
}

function startInstance(instance: Instance, settings: { databaseUrl: string; authSecret: string }): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: {
      ...inherited,
      NODE_ENV: "production",
      TSX_TSCONFIG_PATH: "tsconfig.node.json",
      PORT: String(instance.port),
      // Only the balancer faces clients; peers reach each other on loopback (MARGIN_PEER_URL).
      HOST: "127.0.0.1",
      MARGIN_PEER_URL: `http://127.0.0.1:${instance.port}`,
      DATABASE_URL: settings.databaseUrl,
      AUTH_SECRET: settings.authSecret,
      TRUST_PROXY: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
    // A process group of its own: a Ctrl-C in the terminal reaches only this script, which stops the
    // instances after the balancer and before the database.
    detached: true,
  });
  instance.child = child;
  return new Promise((resolve, reject) => {
    let ready = false;
    prefix(child, instance.name, (line) => {
      if (ready || !line.startsWith("margin: ready on")) return;
      ready = true;
      resolve();
    });
    child.once("exit", (code, signal) => {
      instance.child = null;
      if (!ready) return reject(new StartupError(`${instance.name} exited before it was ready (${signal ?? `exit code ${code}`})`));
      if (!stopping)
        say(`${instance.name} exited (${signal ?? `exit code ${code}`}); the balancer takes it out, its articles move to the others`);
    });
  });
}

async function stopInstance(instance: Instance): Promise<void> {
  const child = instance.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  // Stopped, it would never see the SIGTERM.
  child.kill("SIGCONT");
  child.kill("SIGTERM");
  // An instance exits by itself within 8 s whatever hangs (server/main.ts); this is the last resort.
  const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(kill);
}

/** In order: no new connections, then the instances store and hand over, then the database they wrote to. */
async function stopAll(): Promise<void> {
  stopping = true;
  running.build?.kill("SIGTERM");
  await running.balancer?.stop().catch(() => {});
  await Promise.all(running.instances.map(stopInstance));
  await disconnectPrisma({ final: true }).catch(() => {});
  await running.database?.stop().catch(() => {});
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  await stopAll();
  say("stopped");
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
  process.on(signal, () => {
    if (!stopping) say(`${signal} received, stopping the balancer, the instances, then the database`);
    void stop(0);
  });
// If this script dies of an error, what it started in process groups of their own must not outlive it.
process.on("exit", () => {
  for (const instance of running.instances) instance.child?.kill("SIGKILL");
});

async function main() {
  const options = readOptions();
  const instances: Instance[] = Array.from({ length: options.instances }, (_, index) => ({
    name: `margin${index + 1}`,
    port: options.port + index + 1,
    child: null,
  }));
  for (const port of [options.port, ...instances.map((instance) => instance.port)])
    if (!(await portFree(port)))
      throw new StartupError(`port ${port} is in use (--port ${options.port} uses it and the next ${options.instances})`);

  await ensureBuild();
  if (stopping) return;
  // Once, here: migrations, the demo project on an empty database, and the AUTH_SECRET every instance
  // must share (generated under .data/ as for `npm run dev` when none is set).
  const { database, seeded } = await boot({ dev: true, onDatabase: (opened) => (running.database = opened) });
  await disconnectPrisma();
  if (stopping) return;
  if (seeded) say("seeded the demo project (sign in as owner@example.com / margin-demo)");
  const settings = { databaseUrl: database.url, authSecret: process.env.AUTH_SECRET! };

  running.instances = instances;
  // One after the other: two Next.js servers starting at once on a small machine take longer than two in turn.
  for (const instance of instances) {
    await startInstance(instance, settings);
    if (stopping) return;
  }

  const haproxy = findHaproxy();
  let balancer: string;
  if (haproxy) {
    const started = await startHaproxy({
      binary: haproxy,
      upstreams: instances.map((instance) => ({ name: instance.name, address: `127.0.0.1:${instance.port}` })),
      port: options.port,
      detached: true,
      // In the foreground HAProxy prints each state change both as a warning and in its log: the log is
      // shown when asked for (MARGIN_HAPROXY_LOG_LEVEL=info logs every request).
      onOutput: (line, stream) => {
        if (stream === "stderr" || process.env.MARGIN_HAPROXY_LOG_LEVEL) process.stdout.write(`[haproxy] ${line}\n`);
      },
    });
    running.balancer = started;
    started.child.once("exit", (code) => {
      if (stopping) return;
      say(`HAProxy exited (exit code ${code}); stopping`);
      void stop(1);
    });
    balancer = `HAProxy with ${path.relative(process.cwd(), HAPROXY_CONFIG)}: an article's requests go to one instance`;
  } else {
    say(
      `haproxy is not installed${process.env.HAPROXY ? ` (HAPROXY=${process.env.HAPROXY} is not an executable)` : ""}; Debian: \`apt-get install haproxy\``,
    );
    say("falling back to a plain round-robin proxy: no hashing by article, so more sockets are forwarded between instances");
    running.balancer = await startRoundRobinProxy(
      instances.map((instance) => instance.port),
      { port: options.port },
    );
    balancer = "a round-robin proxy";
  }
  if (stopping) return;

  say(`cluster of ${instances.length} ready: open http://localhost:${options.port} (in front: ${balancer})`);
  for (const instance of instances) say(`  ${instance.name} on http://127.0.0.1:${instance.port} (pid ${instance.child?.pid})`);
  say("GET /api/health on an instance says how many articles it owns; kill one to watch its articles move. Ctrl-C stops everything.");
}

main().catch(async (error: unknown) => {
  // A signal is stopping everything already; otherwise stop what was started before saying why.
  if (stopping) return;
  await stopAll();
  exitOnStartupError(error);
});
