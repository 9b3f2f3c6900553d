/**
 * A transaction on a connection of its own, for the long reads of an export: it may last an hour, and
 * holding one of the Prisma pool's ten connections that long would starve the app. The pg driver also
 * sends a query the moment it is asked; Prisma's client sends it a turn of the event loop later, and an
 * export that builds and writes a batch without yielding to it left PostgreSQL idle until the batch was
 * written (bench/export.ts: a third of the time). Only data modules use it, like the Prisma client.
 */
import "server-only";
import pg from "pg";
import type { Prisma } from "./generated/client";

export type SqlSession = {
  /** The rows of a query built with Prisma.sql (its `text` has $1… placeholders, `values` the values). */
  query<T>(sql: Prisma.Sql): Promise<T[]>;
  /** The number of rows a statement changed. */
  execute(sql: Prisma.Sql): Promise<number>;
};

const TIMESTAMP = 1114;

/** `timestamp` columns hold UTC instants (Prisma writes them so): read them as such, not as local time. */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

export async function inDedicatedTransaction<T>(options: { readOnly: boolean }, work: (session: SqlSession) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const client = new pg.Client({ connectionString: url, types });
  // A connection that breaks mid-export fails the query under way; this only keeps it from crashing the process.
  client.on("error", () => {});
  await client.connect();
  const session: SqlSession = {
    query: async <R>(sql: Prisma.Sql) => (await client.query(sql.text, sql.values)).rows as R[],
    execute: async (sql: Prisma.Sql) => (await client.query(sql.text, sql.values)).rowCount ?? 0,
  };
  try {
    await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ${options.readOnly ? " READ ONLY" : ""}`);
    // Timestamps also travel as PostgreSQL's text output (lib/export/rows.ts), whose shape DateStyle decides.
    await client.query("SET LOCAL datestyle TO 'ISO, YMD'");
    const result = await work(session);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}
