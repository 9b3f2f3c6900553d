/**
 * `npm run bench:actors` (after `next build`): the actor registry at newsroom scale. A scratch database gets a
 * project of 2,000 articles and 200,000 tags, 30,000 of them actor tags over 1,500 records named by a Zipf
 * law (the first record is in most articles), quotes with speakers, claims with sources, figures inside
 * quotes and claims (bench/actors-seed.ts). The production server answers, over loopback, what a person
 * waits for: the Actors list (default sort, and two searches), and the actor page of the most quoted actor (its
 * record and its timeline), for the owner and for a blind annotator; p50/p95 over --runs runs after a
 * warm-up. Then the registry's migration (the data part of prisma/migrations/*_actor_registry) on the same
 * project as it was before the registry: canonical names, no record, no actorId; timed in a second scratch
 * database. Targets: list and actor page under 200 ms at p95; the migration in seconds.
 * Options: --articles N --tags N --actor-tags N --records N (in all) --runs N --in-process (through
 * lib/actors/api.ts, no server) --skip-migration --keep (leave the scratch databases).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { actorPage, listActors, showActor } from "@/lib/actors/api";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { createScratchDatabase, openDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrations";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { createProjectWith, createUser } from "@/lib/testing/factories";
import { exitOf, startServerProcess } from "@/lib/testing/server-process";
import { recordName, seedActors, type SeedShape } from "./actors-seed";
import { cpuMeter, type CpuMeter } from "./process-cpu";
import { summary } from "./stats";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "2000" },
    tags: { type: "string", default: "200000" },
    "actor-tags": { type: "string", default: "30000" },
    records: { type: "string", default: "1500" },
    runs: { type: "string", default: "40" },
    "in-process": { type: "boolean", default: false },
    "skip-migration": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const shape: SeedShape = {
  articles: Number(values.articles),
  tags: Number(values.tags),
  actorTags: Number(values["actor-tags"]),
  records: Number(values.records),
};
const RUNS = Number(values.runs);
const WARM_UP = 5;

type Measured = () => Promise<unknown>;

let meter: CpuMeter | undefined;

/**
 * p50/p95 of `run` after a warm-up, and the CPU it cost the server and PostgreSQL per run: on a machine
 * shared with other work the latency grows with the load, while the CPU time says what the request costs
 * (about its latency on idle cores, the queries being single-threaded).
 */
async function time(name: string, run: Measured): Promise<void> {
  for (let i = 0; i < WARM_UP; i++) await run();
  const times: number[] = [];
  const before = meter?.read();
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  const after = meter?.read();
  const cpu =
    before && after
      ? `; CPU a run: server ${(((after.server - before.server) * 1000) / RUNS).toFixed(0)} ms, PostgreSQL ${(((after.database - before.database) * 1000) / RUNS).toFixed(0)} ms`
      : "";
  console.log(`${name.padEnd(40)} ${summary(times)}${cpu}`);
}

const load = () =>
  `load average ${os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(" ")}`;

/** A GET of the API as a token's owner, failing loudly on anything but 200. */
function getter(port: number, slug: string, token: string) {
  return async (route: string) => {
    const response = await fetch(`http://127.0.0.1:${port}/api/projects/${slug}/actors${route}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.status !== 200) throw new Error(`${route}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
}

/** The registry's migration from "-- Existing projects" to its end: what turns canonical names into records. */
function migrationDataSql(): string {
  const dir = fs.readdirSync("prisma/migrations").find((name) => name.endsWith("_actor_registry"));
  if (!dir) throw new Error("no actor_registry migration");
  const sql = fs.readFileSync(path.join("prisma/migrations", dir, "migration.sql"), "utf8");
  const at = sql.indexOf("-- Existing projects");
  if (at < 0) throw new Error(`no "-- Existing projects" in ${dir}`);
  return sql.slice(at);
}

async function measureMigration(serverUrl: string): Promise<void> {
  const scratch = await createScratchDatabase(serverUrl, "margin_bench_actors_migration");
  try {
    await applyMigrations(scratch.url);
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      const users = await client.query<{ id: string }>(
        `INSERT INTO users (id, email, name, updated_at) VALUES ('mig-a', 'a@bench.example', 'A', now()), ('mig-b', 'b@bench.example', 'B', now()) RETURNING id`,
      );
      const [a, b] = users.rows.map((row) => row.id) as [string, string];
      await client.query(`INSERT INTO projects (id, slug, name, updated_at) VALUES ('mig', 'mig', 'Before the registry', now())`);
      const { tags } = await seedActors(scratch.url, "mig", [a, b], shape, "canonical-names");
      // Each statement timed, in a transaction rolled back; then the whole as lib/db/migrations.ts runs it
      // (one query in one transaction), committed. The comments hold no ";" at a line's end.
      const sql = migrationDataSql();
      const statements = sql
        .split(/;\s*\n/)
        .map((statement) => statement.replace(/^\s*--.*\n/gm, "").trim())
        .filter(Boolean);
      const steps: string[] = [];
      await client.query("BEGIN");
      for (const statement of statements) {
        const stepStarted = performance.now();
        await client.query(statement);
        const name = /^(CREATE TEMP TABLE \S+|\w+ INTO \S+|UPDATE \S+|DROP TABLE \S+)/.exec(statement)?.[1] ?? statement.slice(0, 20);
        steps.push(`${name} ${((performance.now() - stepStarted) / 1000).toFixed(2)} s`);
      }
      await client.query("ROLLBACK");
      const started = performance.now();
      await client.query("BEGIN");
      await client.query(sql);
      await client.query("COMMIT");
      const seconds = (performance.now() - started) / 1000;
      const { rows } = await client.query<{ records: number; linked: number; adoptions: number; aliased: number }>(
        `SELECT (SELECT count(*)::int FROM actor_records) AS records,
                (SELECT count(*)::int FROM annotations WHERE label = 'actor' AND attributes ? 'actorId') AS linked,
                (SELECT count(*)::int FROM actor_link_adoptions) AS adoptions,
                (SELECT count(*)::int FROM actor_records WHERE cardinality(aliases) > 0) AS aliased`,
      );
      const found = rows[0]!;
      console.log(
        `migration of canonical names (${tags.toLocaleString("en")} tags, ${shape.actorTags.toLocaleString("en")} actor tags): ${seconds.toFixed(2)} s; ` +
          `${found.records} records (${found.aliased} with aliases from other spellings), ${found.linked.toLocaleString("en")} tags linked, ${found.adoptions.toLocaleString("en")} links left for the live documents`,
      );
      console.log(`  its statements one by one (rolled back): ${steps.join("; ")}`);
    } finally {
      await client.end();
    }
  } finally {
    if (values.keep) console.log(`kept the database ${new URL(scratch.url).pathname.slice(1)}`);
    else await scratch.drop();
  }
}

async function main() {
  const databaseServer = await openDatabase({ profile: "test", database: "postgres", migrate: false });
  const scratch = await createScratchDatabase(databaseServer.url, "margin_bench_actors");
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  try {
    await applyMigrations(scratch.url);
    process.env.DATABASE_URL = scratch.url;
    const owner = await createUser({ name: "Ana Owner" });
    const annotator = await createUser({ name: "Ben Blind" });
    const { slug, projectId } = await createProjectWith({ owner: [owner], editor: [annotator] });
    await prisma.project.update({ where: { id: projectId }, data: { blindAnnotation: true } });
    const loadStarted = performance.now();
    const { tags } = await seedActors(scratch.url, projectId, [owner.id, annotator.id], shape, "records");
    console.log(
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${load()}`,
    );
    console.log(
      `loaded ${shape.articles.toLocaleString("en")} articles, ${tags.toLocaleString("en")} tags (${shape.actorTags.toLocaleString("en")} actor tags over ${shape.records.toLocaleString("en")} records, Zipf) in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
    );
    const top = "rec0";
    // The most quoted actor's surname (half the tags answer to it), and a rarer one.
    const searches = [recordName(0).name.split(" ")[1]!.toLowerCase(), "okafor"];

    if (values["in-process"]) {
      meter = cpuMeter(process.pid, Number(new URL(databaseServer.url).port));
      const access = (await unsafeOperatorProjectAccess(slug, "project:read"))!;
      const page = await actorPage(access, top, {});
      console.log(`most quoted: ${recordName(0).name}, ${page.items.length}${page.truncated ? "+" : ""} timeline items (in-process)`);
      await time("list, default sort", () => listActors(access, {}));
      for (const search of searches) await time(`list, search "${search}"`, () => listActors(access, { q: search }));
      await time("actor page: record", () => showActor(access, top));
      await time("actor page: timeline", () => actorPage(access, top, {}));
    } else {
      const port = 3400 + Math.floor(Math.random() * 400);
      server = await startServerProcess({ PORT: String(port), DATABASE_URL: scratch.url }, 60_000);
      meter = cpuMeter(server.child.pid!, Number(new URL(databaseServer.url).port));
      for (const [who, user] of [
        ["owner", owner],
        ["blind annotator", annotator],
      ] as const) {
        const get = getter(port, slug, (await createApiToken(user.id, "bench")).token);
        const list = await get("");
        const page = (await get(`/${top}/timeline`)) as { items: unknown[]; truncated: boolean };
        console.log(
          `${who}: ${String(list.total)} records listed; most quoted ${recordName(0).name}, ${page.items.length}${page.truncated ? "+" : ""} timeline items`,
        );
        await time(`${who}: list, default sort`, () => get(""));
        for (const search of searches) await time(`${who}: list, search "${search}"`, () => get(`?q=${search}`));
        await time(`${who}: actor page, record`, () => get(`/${top}`));
        await time(`${who}: actor page, timeline`, () => get(`/${top}/timeline`));
        // An actor page would ask for both at once.
        await time(`${who}: actor page, both`, () => Promise.all([get(`/${top}`), get(`/${top}/timeline`)]));
      }
    }
    console.log(load());
    if (!values["skip-migration"]) await measureMigration(databaseServer.url);
  } finally {
    if (server) {
      server.child.kill("SIGTERM");
      await exitOf(server.child);
    }
    await disconnectPrisma();
    if (values.keep) console.log(`kept the database ${new URL(scratch.url).pathname.slice(1)}`);
    else await scratch.drop();
    await databaseServer.stop();
  }
}

void main();
