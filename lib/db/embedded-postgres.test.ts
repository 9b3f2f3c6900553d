import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "margin-embedded-"));
fs.chmodSync(dataDir, 0o755);
const port = 56000 + Math.floor(Math.random() * 2000);
const started: RunningPostgres[] = [];

async function start() {
  const running = await startEmbeddedPostgres({ dataDir, port, database: "probe" });
  started.push(running);
  return running;
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function postmasterPid(): number | null {
  const file = path.join(dataDir, "cluster", "postmaster.pid");
  return fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8").split("\n")[0]) : null;
}

afterAll(async () => {
  for (const running of started) await running.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("embedded PostgreSQL", () => {
  it("initialises a cluster with a generated password, shares a running one, stops cleanly and keeps its data", async () => {
    const first = await start();
    expect(first.owned).toBe(true);
    expect((fs.statSync(path.join(dataDir, "password")).mode & 0o777).toString(8)).toBe("600");
    await query(first.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('“curly” — 🐢')");

    // A second process (the CLI while the app runs) connects to the same server and does not own it.
    const second = await start();
    expect(second).toMatchObject({ owned: false, url: first.url });
    await second.stop();
    expect(await query(first.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);

    const pid = postmasterPid()!;
    await first.stop();
    expect(postmasterPid()).toBeNull();
    // The postmaster removes its pid file as the last step of shutting down, and exits a moment later (on a
    // loaded machine, a moment the next line could fall into): it must be gone within a few seconds.
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let waited = 0; alive() && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(alive()).toBe(false);
    expect(fs.readFileSync(path.join(dataDir, "postgres.log"), "utf8")).toContain("database system is shut down");

    const again = await start();
    expect(again.owned).toBe(true);
    expect(await query(again.url, "SELECT note FROM kept")).toEqual([{ note: "“curly” — 🐢" }]);
    await again.stop();
  });

  it("recovers after the server was killed with SIGKILL (stale postmaster.pid)", async () => {
    const running = await start();
    const pid = postmasterPid()!;
    process.kill(pid, "SIGKILL");
    // Its backends notice that the postmaster is gone and exit; wait until nothing answers.
    for (let tries = 0; tries < 100; tries++) {
      const answered = await query(running.url, "SELECT 1").then(
        () => true,
        () => false,
      );
      if (!answered) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(postmasterPid()).toBe(pid);

    const restarted = await start();
    expect(restarted.owned).toBe(true);
    expect(await query(restarted.url, "SELECT note FROM kept")).toHaveLength(1);
    await restarted.stop();
    await running.stop();
  });

  it("hands the server over when its owner leaves while others use it; the last one out stops it", async () => {
    const owner = await start();
    const other = new pg.Client({ connectionString: owner.url });
    await other.connect();
    await owner.stop();
    // Still serving the other process's connection, and no longer owned by anyone.
    expect((await other.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    expect(fs.readFileSync(path.join(dataDir, "owner"), "utf8")).toBe("");
    const joiner = await start();
    expect(joiner.owned).toBe(false);
    await other.end();
    await joiner.stop();
    expect(postmasterPid()).toBeNull();
  });

  it("explains a port that is taken instead of hanging", async () => {
    const blocker = await start();
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), "margin-embedded-other-"));
    fs.chmodSync(otherDir, 0o755);
    try {
      await expect(startEmbeddedPostgres({ dataDir: otherDir, port, database: "probe" })).rejects.toThrow(`did not start on port ${port}`);
    } finally {
      await blocker.stop();
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
