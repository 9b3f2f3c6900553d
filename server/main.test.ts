import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { runEntry } from "@/lib/testing/run-process";
import { exitOf, startServerProcess } from "@/lib/testing/server-process";

// The production server needs `next build` first; `npm test` builds before it runs Vitest.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "margin-server-"));
fs.chmodSync(dataDir, 0o755);
const pgPort = 58000 + Math.floor(Math.random() * 1000);
const port = 59000 + Math.floor(Math.random() * 1000);
const children: ChildProcess[] = [];

async function startServer(): Promise<ChildProcess> {
  const { child } = await startServerProcess({
    MARGIN_DATA_DIR: dataDir,
    MARGIN_PG_PORT: String(pgPort),
    PORT: String(port),
    DATABASE_URL: undefined,
  });
  children.push(child);
  return child;
}

const embeddedUrl = () =>
  `postgresql://postgres:${encodeURIComponent(fs.readFileSync(path.join(dataDir, "app", "password"), "utf8").trim())}@127.0.0.1:${pgPort}/margin`;

async function sql(query: string) {
  const client = new pg.Client({ connectionString: embeddedUrl() });
  await client.connect();
  try {
    return (await client.query(query)).rows;
  } finally {
    await client.end();
  }
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("server process", () => {
  it("exits with a one-line explanation when DATABASE_URL cannot be reached", async () => {
    const result = await runEntry("server/main.ts", [], { DATABASE_URL: "postgresql://margin:secret@127.0.0.1:1/margin" });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "margin: cannot reach PostgreSQL at 127.0.0.1:1/margin (ECONNREFUSED); check DATABASE_URL or unset it to use the embedded database\n",
    );
    expect(result.stderr).not.toContain("secret");
  });

  it("serves on the embedded database without seeding, stops it cleanly on SIGTERM and reuses its data", async () => {
    const first = await startServer();
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    // A cluster of one: it names itself and owns no live article yet.
    expect(await health.json()).toEqual({ status: "ok", database: "ok", instance: expect.any(String), articles: 0 });
    const page = await fetch(`http://127.0.0.1:${port}/projects`, { redirect: "manual" });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toContain("/sign-in?callbackUrl=%2Fprojects");
    // `npm start` does not seed: the first person to sign up becomes the admin.
    expect(await sql("SELECT count(*)::int AS users FROM users")).toEqual([{ users: 0 }]);
    await sql("INSERT INTO projects (id, slug, name, updated_at) VALUES ('kept', 'kept', 'Kept across restarts', now())");

    first.kill("SIGTERM");
    expect(await exitOf(first)).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "app", "cluster", "postmaster.pid"))).toBe(false);
    expect(fs.readFileSync(path.join(dataDir, "app", "postgres.log"), "utf8").trimEnd()).toMatch(/database system is shut down$/);

    const second = await startServer();
    expect(await sql("SELECT name FROM projects WHERE slug = 'kept'")).toEqual([{ name: "Kept across restarts" }]);
    // A request still arriving (its headers unfinished, like a slow client's) does not hold up the exit,
    // embedded database included, past 2 s.
    const slow = net.connect(port, "127.0.0.1");
    await new Promise((resolve) => slow.once("connect", resolve));
    slow.write("GET /api/health HTTP/1.1\r\nHost: margin.test\r\n");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopping = Date.now();
    second.kill("SIGINT");
    expect(await exitOf(second)).toBe(0);
    const stopMs = Date.now() - stopping;
    console.info(`[server] SIGINT with a request arriving: exit in ${stopMs} ms`);
    expect(stopMs).toBeLessThan(2000);
    slow.destroy();
  }, 120_000);
});
