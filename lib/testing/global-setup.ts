/**
 * Vitest global setup: one PostgreSQL for the run (the embedded server of the `test` profile, or the server
 * in TEST_DATABASE_URL) and a template database with every migration applied. Each test file then gets its
 * own copy (database-per-file.ts), so files run in parallel without seeing each other's rows.
 */
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createScratchDatabase, openDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrations";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await openDatabase({ profile: "test", url: process.env.TEST_DATABASE_URL, migrate: false, database: "postgres" });
  await dropLeftovers(server.url);
  const template = await createScratchDatabase(server.url, "margin_template");
  await applyMigrations(template.url);
  project.provide("templateDatabaseUrl", template.url);
  return async () => {
    await template.drop();
    await server.stop();
  };
}

/** Databases left by a run that was killed before its teardown. */
async function dropLeftovers(serverUrl: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname ~ '^margin_(template|test)_[0-9]+_'",
    );
    // Only those older than an hour, so that two runs at once (two checkouts) leave each other alone.
    const stale = rows.filter(({ datname }) => Number(datname.split("_")[2]) < Date.now() - 3_600_000);
    for (const { datname } of stale) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
