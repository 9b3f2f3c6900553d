/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL
 * that brings the existing migrations up to prisma/schema.prisma. Works offline (Prisma's WebAssembly schema
 * engine on the embedded PostgreSQL of the test profile); where the Prisma CLI's native engine is available,
 * `prisma migrate dev --create-only` produces the same folder.
 */
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "@/lib/db/database";
import { MIGRATIONS_DIR } from "@/lib/db/migrations";
import { diffMigrationsToSchema } from "@/lib/db/schema-engine";
import { exitOnStartupError } from "@/lib/db/startup-error";

async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    process.stderr.write("usage: npm run db:migration -- <name>   (lower-case letters, digits and _)\n");
    process.exit(2);
  }
  const database = await openDatabase({ profile: "test", url: process.env.MIGRATION_DATABASE_URL, migrate: false });
  try {
    const sql = await diffMigrationsToSchema(database.url);
    if (!sql) {
      process.stdout.write("prisma/schema.prisma and the migrations already agree; nothing written\n");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    process.stdout.write(`wrote ${path.relative(process.cwd(), dir)}/migration.sql; read it before committing\n`);
  } finally {
    await database.stop();
  }
}

main().catch(exitOnStartupError);
