/**
 * Prisma's schema engine (its WebAssembly build) driven through `@prisma/adapter-pg`: development tooling
 * for writing migrations and detecting drift on machines where the Prisma CLI cannot download its native
 * engine. Never imported by the app.
 *
 * Two gaps in the adapter are bridged here:
 * - PostgreSQL's one-byte `"char"` type (used throughout pg_catalog, which the engine reads to describe a
 *   database) has no mapping in adapter-pg, so the adapter refuses those result sets. We report such columns
 *   as the adapter-level `Character` type the engine expects.
 * - adapter-pg drops its shadow database while its own pool still holds a connection; we create and drop
 *   the shadow database ourselves, after closing the pool.
 * - adapter-pg runs a migration script by splitting it at every ";", which breaks on a semicolon in a
 *   comment or a function body; PostgreSQL runs a whole script in one simple query, as Prisma's CLI does.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { MIGRATIONS_DIR, readMigrations } from "./migrations";

export const SCHEMA_FILE = path.join(process.cwd(), "prisma", "schema.prisma");
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const CHAR_COLUMNS = Symbol("charColumns");

type Rows = unknown[] & { [CHAR_COLUMNS]?: number[] };
type PgResult = { fields?: { dataTypeID: number }[]; rows?: Rows };

function markCharColumns(result: PgResult): PgResult {
  const indexes: number[] = [];
  result?.fields?.forEach((field, index) => {
    if (field.dataTypeID === PG_CHAR_OID) {
      field.dataTypeID = PG_TEXT_OID;
      indexes.push(index);
    }
  });
  if (indexes.length && result.rows) result.rows[CHAR_COLUMNS] = indexes;
  return result;
}

/** A pg client that lets adapter-pg read `"char"` columns (as text) and remembers where they were. */
class CatalogClient extends pg.Client {
  // pg's query() has many overloads; both the callback and the promise forms are used by pg.Pool/adapter-pg.
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    const call = super.query as (...a: unknown[]) => unknown;
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, result: PgResult) => last(error, error ? result : markCharColumns(result));
      return call.apply(this, args) as never;
    }
    const pending = call.apply(this, args) as Promise<PgResult>;
    return pending.then(markCharColumns) as never;
  }
}

function forSchemaEngine<T extends SqlDriverAdapter | Transaction>(adapter: T): T {
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query: SqlQuery): Promise<SqlResultSet> => {
    const result = await queryRaw(query);
    for (const index of (result.rows as Rows)[CHAR_COLUMNS] ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  if ("startTransaction" in adapter) {
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolation) => forSchemaEngine(await start(isolation));
    const client = (adapter as unknown as { client: pg.Pool }).client;
    adapter.executeScript = async (script: string) => {
      await client.query(script);
    };
  }
  return adapter;
}

function adapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const parsed = new URL(url);
  const config = (database: string) =>
    // A config object (not a connection string) so that `database` can point the shadow pool elsewhere.
    new PrismaPg({
      host: parsed.hostname,
      port: Number(parsed.port || 5432),
      user: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
      database,
      Client: CatalogClient,
    } as pg.PoolConfig);
  const main = config(decodeURIComponent(parsed.pathname.slice(1)));
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => forSchemaEngine(await main.connect()),
    connectToShadowDb: async () => {
      const name = `margin_shadow_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const shadow = forSchemaEngine(await config(name).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.query(`DROP DATABASE "${name}"`);
        await admin.end();
      };
      return shadow;
    },
  };
}

async function loadEngine(url: string, schema: string): Promise<SchemaEngine> {
  // The package imports its .wasm as an ES module, which Node only allows behind a flag; instantiate by hand.
  const dir = path.dirname(createRequire(SCHEMA_FILE).resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const bindings = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as typeof import("@prisma/schema-engine-wasm") & {
    __wbg_set_wasm(exports: WebAssembly.Exports): void;
  };
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(path.join(dir, "schema_engine_bg.wasm")), {
    "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
  });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  return bindings.SchemaEngine.new(
    { datamodels: [["schema.prisma", schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(adapterFactory(url)),
  );
}

function migrationList(dir: string): MigrationList {
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: 'provider = "postgresql"\n' },
    shadowDbInitScript: "",
    migrationDirectories: readMigrations(dir).map((migration) => ({
      path: migration.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: migration.sql } },
    })),
  };
}

const EMPTY = "-- This is an empty migration.";

/**
 * The SQL that would bring a database built from the migrations folder to `schema.prisma`, or "" when they
 * agree. `url` names a database on a server where shadow databases may be created; it is not modified.
 */
export async function diffMigrationsToSchema(url: string, dir = MIGRATIONS_DIR, schemaFile = SCHEMA_FILE): Promise<string> {
  const schema = fs.readFileSync(schemaFile, "utf8");
  const engine = await loadEngine(url, schema);
  try {
    const { stdout } = await engine.diff({
      from: { tag: "migrations", ...migrationList(dir) },
      to: { tag: "schemaDatamodel", files: [{ path: schemaFile, content: schema }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = (stdout ?? "").trim();
    return sql === EMPTY ? "" : sql + "\n";
  } finally {
    engine.free();
  }
}
