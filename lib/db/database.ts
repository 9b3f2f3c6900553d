/**
 * Finds the PostgreSQL a process should use: `DATABASE_URL` when set, otherwise an embedded server whose
 * data folder and port depend on the profile, so that the app, the tests and the e2e run never share data.
 */
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";
import { applyMigrations } from "./migrations";
import { StartupError } from "./startup-error";

export type DatabaseProfile = "app" | "test" | "e2e";

const PROFILES: Record<DatabaseProfile, { dir: string; port: number }> = {
  app: { dir: "app", port: 54329 },
  test: { dir: "test", port: 54339 },
  e2e: { dir: "e2e", port: 54349 },
};

export const DATA_ROOT = path.resolve(process.env.MARGIN_DATA_DIR ?? path.join(process.cwd(), ".data"));

export type Database = RunningPostgres & { embedded: boolean };

/** One line saying why a server cannot be reached, without the password. */
function describeConnectError(url: string, error: unknown): string {
  let where = "DATABASE_URL";
  try {
    const parsed = new URL(url);
    where = `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "DATABASE_URL is not a valid postgresql:// URL";
  }
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return `cannot reach PostgreSQL at ${where} (${reason}); check DATABASE_URL or unset it to use the embedded database`;
}

export async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new StartupError(describeConnectError(url, error));
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The database for this process. `url` wins over `DATABASE_URL`, which wins over the embedded server.
 * With `migrate` (the default) pending migrations are applied before it is returned.
 */
export async function openDatabase(options: {
  profile: DatabaseProfile;
  url?: string;
  migrate?: boolean;
  database?: string;
}): Promise<Database> {
  const url = options.url ?? process.env.DATABASE_URL;
  let database: Database;
  if (url) {
    await assertReachable(url);
    database = { url, owned: false, embedded: false, stop: async () => {} };
  } else {
    const profile = PROFILES[options.profile];
    const port = Number(process.env.MARGIN_PG_PORT ?? profile.port);
    const running = await startEmbeddedPostgres({
      dataDir: path.join(DATA_ROOT, profile.dir),
      port,
      database: options.database ?? "margin",
    });
    database = { ...running, embedded: true };
  }
  if (options.migrate ?? true) {
    try {
      await applyMigrations(database.url);
    } catch (error) {
      await database.stop();
      throw new StartupError((error as Error).message);
    }
  }
  return database;
}

/** Creates an empty database next to the one in `serverUrl` (same server and credentials); for tests. */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new URL(serverUrl);
  admin.pathname = "/postgres";
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
