import pg from "pg";
import { openDatabase } from "@/lib/db/database";

/** Drops the databases of e2e runs that ended more than an hour ago; never the current run's. */
export default async function globalSetup() {
  const server = await openDatabase({ profile: "e2e", database: "postgres", migrate: false });
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname ~ '^e2e_[0-9]+$'");
    const stale = rows.filter(({ datname }) => datname !== process.env.E2E_DB_NAME && Number(datname.slice(4)) < Date.now() - 3_600_000);
    for (const { datname } of stale) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  // Leave the embedded server running when this process started it: the app under test uses it too.
}
