/**
 * Everything the server does before serving: configuration, the database (DATABASE_URL or the embedded
 * PostgreSQL, migrated), and in development the demo data when the database has no user yet.
 */
import { openDatabase, type Database } from "@/lib/db/database";
import { seedDemo } from "@/lib/demo/seed";
import { hasAnyUser } from "@/lib/users/data";
import { databaseName, databaseProfile, ensureAuthSecret, loadEnvironment } from "./environment";

/** `onDatabase` learns of the database as soon as it is open, so that a signal during boot can stop it. */
export async function boot(options: {
  dev: boolean;
  onDatabase?: (database: Database) => void;
}): Promise<{ database: Database; seeded: boolean }> {
  loadEnvironment(options.dev);
  ensureAuthSecret(options.dev);
  const database = await openDatabase({ profile: databaseProfile(), database: databaseName() });
  options.onDatabase?.(database);
  process.env.DATABASE_URL = database.url;
  // `npm start` never seeds: a production database starts empty and its first user becomes the admin.
  const seeded = options.dev && process.env.MARGIN_SEED !== "0" && !(await hasAnyUser());
  if (seeded) await seedDemo();
  return { database, seeded };
}
