import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from "./migrations";
import { diffMigrationsToSchema } from "./schema-engine";

describe("migrations", () => {
  it("agree with prisma/schema.prisma (run `npm run db:migration -- <name>` when this fails)", async () => {
    expect(await diffMigrationsToSchema(process.env.DATABASE_URL!)).toBe("");
  });

  it("follow Prisma's folder layout, so that `prisma migrate deploy` reads the same history", () => {
    const names = fs.readdirSync(MIGRATIONS_DIR).filter((name) => name !== "migration_lock.toml");
    for (const name of names) {
      expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
      expect(fs.existsSync(path.join(MIGRATIONS_DIR, name, "migration.sql"))).toBe(true);
    }
    expect(fs.readFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
  });

  it("are recorded in _prisma_migrations with Prisma's checksum, and applying again is a no-op", async () => {
    // The per-file database was copied from a template that the global setup migrated.
    expect(await applyMigrations(process.env.DATABASE_URL!)).toEqual([]);
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name");
      const expected = readMigrations().map((migration) => ({
        migration_name: migration.name,
        checksum: createHash("sha256")
          .update(fs.readFileSync(path.join(MIGRATIONS_DIR, migration.name, "migration.sql")))
          .digest("hex"),
      }));
      expect(rows.map(({ migration_name, checksum }) => ({ migration_name, checksum }))).toEqual(expected);
      expect(rows.every((row) => row.finished_at !== null)).toBe(true);
    } finally {
      await client.end();
    }
  });

  it("refuse a migration edited after it was applied, and roll back a failing one whole", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "margin-migrations-"));
    const write = (name: string, sql: string) => {
      fs.mkdirSync(path.join(dir, name), { recursive: true });
      fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
    };
    const url = process.env.DATABASE_URL!;
    write("20990101000000_probe", "CREATE TABLE probe_a (id int);");
    expect(await applyMigrations(url, dir)).toEqual(["20990101000000_probe"]);

    write("20990101000000_probe", "CREATE TABLE probe_a (id bigint);");
    await expect(applyMigrations(url, dir)).rejects.toThrow(/was edited after it was applied/);

    write("20990101000000_probe", "CREATE TABLE probe_a (id int);");
    write("20990102000000_broken", "CREATE TABLE probe_b (id int); SELECT no_such_function();");
    await expect(applyMigrations(url, dir)).rejects.toThrow(/20990102000000_broken failed/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT to_regclass('probe_b') AS table, (SELECT count(*) FROM _prisma_migrations WHERE migration_name LIKE '2099%')::int AS recorded",
      );
      expect(rows[0]).toEqual({ table: null, recorded: 1 });
    } finally {
      await client.end();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
