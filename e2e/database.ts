/**
 * The e2e run's database, reached from the test workers so that each test can create its own users and
 * projects through the real mutations (the same ones the CLI uses).
 */
import { openDatabase } from "@/lib/db/database";

let ready: Promise<void> | undefined;

export function connectE2eDatabase(): Promise<void> {
  ready ??= openDatabase({ profile: "e2e", database: process.env.E2E_DB_NAME, migrate: false }).then((database) => {
    process.env.DATABASE_URL = database.url;
  });
  return ready;
}
