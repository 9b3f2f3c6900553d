/**
 * Runs before each test file, in its worker: copies the migrated template into a database of its own and
 * points DATABASE_URL (and so the Prisma client) at it.
 */
import pg from "pg";
import { afterAll, inject } from "vitest";
import { disconnectPrisma } from "@/lib/db/prisma";

const templateUrl = new URL(inject("templateDatabaseUrl"));
const template = decodeURIComponent(templateUrl.pathname.slice(1));
const name = `margin_test_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
const admin = new URL(templateUrl);
admin.pathname = "/postgres";

async function run(sql: string) {
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// Two files copying the template at the same moment can collide on its lock; retry briefly.
for (let attempt = 0; ; attempt++) {
  try {
    await run(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    break;
  } catch (error) {
    if (attempt >= 20) throw error;
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
  }
}

const url = new URL(templateUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();

afterAll(async () => {
  await disconnectPrisma();
  await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});
