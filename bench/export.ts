/**
 * `npm run bench:export` (after `next build`): the dataset export at archive scale. A scratch database gets
 * 10,000 articles of about 8,000 characters and 1,000,000 tags (100 per article: all four labels with
 * their attributes, links from quotes and claims to actors, three in ten reviewed), loaded with plain SQL.
 * Then the production server streams `GET /api/projects/<slug>/export?format=jsonl` to a client on
 * loopback, and the benchmark prints time to first byte, throughput (MB/s and tags/s) and the server's
 * peak resident-set growth over its size before the export (sampled every 20 ms), for jsonl, json (also
 * gzip-compressed, by Next.js, and inflated by the client: both on this machine) and csv. Targets: at least 50 MB/s, under 100 MB of growth, first byte under 1 s.
 * Options: --articles N --tags N (per article) --formats jsonl,json,… --in-process (no server: the
 * pipeline in this process) --keep (leave the scratch database) --reuse <database name> (a kept one, not
 * loaded again) --profile <dir> (the server writes a CPU profile there when it stops). SERVER_FLAGS="…" passes
 * Node/V8 flags to the server (e.g. --heap-growing-percent=20, to see how much of the growth is garbage).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { countWords } from "@/lib/articles/canonical-text";
import { textToDoc } from "@/lib/articles/content";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { createScratchDatabase, openDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrations";
import { disconnectPrisma } from "@/lib/db/prisma";
import { startProjectExport } from "@/lib/export/export";
import { projectExportQuerySchema } from "@/lib/export/schema-filters";
import { createProjectWith, createUser } from "@/lib/testing/factories";
import { exitOf, startServerProcess } from "@/lib/testing/server-process";
import { newsText, rng } from "./news-text";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "10000" },
    tags: { type: "string", default: "100" },
    formats: { type: "string", default: "jsonl,json,json+gzip,csv" },
    "in-process": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    reuse: { type: "string" },
    profile: { type: "string" },
  },
});
const ARTICLES = Number(values.articles);
const TAGS = Number(values.tags);

/** Bulk-loads articles, tags and decisions with plain SQL: the import pipeline would time the loader. */
async function load(url: string, projectId: string, people: { author: string; second: string; reviewer: string }) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const random = rng(11);
  for (let offset = 0; offset < ARTICLES; offset += 250) {
    const rows = Array.from({ length: Math.min(250, ARTICLES - offset) }, (_, index) => {
      const text = newsText(random, 8000);
      return { id: `bench${String(offset + index).padStart(6, "0")}`, title: `Story ${offset + index}: ${text.slice(0, 60)}`, text };
    });
    await client.query(
      `INSERT INTO articles (id, project_id, title, text, content, text_hash, word_count, status, created_at, updated_at)
       SELECT id, $1, title, text, content::jsonb, hash, words, 'in_review', now(), now()
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[]) AS t(id, title, text, content, hash, words)`,
      [
        projectId,
        rows.map((row) => row.id),
        rows.map((row) => row.title),
        rows.map((row) => row.text),
        rows.map((row) => JSON.stringify(textToDoc(row.text))),
        rows.map((row) => createHash("sha256").update(row.text).digest("hex")),
        rows.map((row) => countWords(row.text)),
      ],
    );
    // Tag n of an article covers code points [n*step, n*step + 6 + n%9): spread over the text, a few
    // overlapping their neighbour. Every fourth is an actor; quotes and claims link to the actor before them.
    const tags: unknown[][] = [[], [], [], [], [], [], [], [], [], []];
    for (const row of rows) {
      const points = [...row.text];
      const step = Math.max(1, Math.floor((points.length - 20) / TAGS));
      for (let n = 0; n < TAGS; n++) {
        const start = n * step;
        const end = start + 6 + (n % 9);
        const label = (["actor", "quote", "claim", "figure"] as const)[n % 4]!;
        const attributes = {
          actor: { canonicalName: `Person ${n % 7}`, kind: "person" },
          quote: { speakerId: `${row.id}-${n - 1}`, direct: n % 3 === 0 },
          claim: { sourceId: `${row.id}-${n - 2}` },
          figure: { value: n * 10, unit: "people", approximate: false },
        }[label];
        const status = n % 10 < 3 ? "accepted" : n % 10 === 3 ? "rejected" : "pending";
        const annotators = n % 10 === 0 ? [people.author, people.second] : n % 5 === 0 ? [people.second] : [people.author];
        [
          `${row.id}-${n}`,
          row.id,
          label,
          start,
          end,
          points.slice(start, end).join(""),
          annotators[0],
          `{${annotators.join(",")}}`,
          status,
          JSON.stringify(attributes),
        ].forEach((value, column) => tags[column]!.push(value));
      }
    }
    await client.query(
      `INSERT INTO annotations (id, article_id, label, start, "end", text, author_id, annotator_ids, status, attributes, created_at, updated_at)
       SELECT id, article_id, label::"AnnotationLabel", start, "end", text, author_id, annotators::text[], status::"AnnotationStatus", attributes::jsonb, now() - interval '2 days', now() - interval '1 day'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
         AS t(id, article_id, label, start, "end", text, author_id, annotators, status, attributes)`,
      tags,
    );
    await client.query(
      `INSERT INTO annotation_reviews (id, annotation_id, article_id, reviewer_id, decision, comment, created_at)
       SELECT 'r-' || n.id, n.id, n.article_id, $1, CASE WHEN n.status = 'rejected' THEN 'reject' ELSE 'accept' END::"ReviewDecision",
              CASE WHEN n.status = 'rejected' THEN 'Not what the text says' END, now() - interval '12 hours'
       FROM annotations n WHERE n.article_id = ANY($2) AND n.status <> 'pending'`,
      [people.reviewer, rows.map((row) => row.id)],
    );
  }
  await client.query("ANALYZE");
  await client.end();
}

function residentMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
}

type Figures = { format: string; ttfbMs: number; seconds: number; bytes: number; tags: number; rssBeforeMb: number; rssPeakMb: number };

/** Reads a response to its end, counting bytes; samples the server's RSS meanwhile. */
async function measure(format: string, request: () => Promise<Response>, pid: number): Promise<Figures> {
  const rssBefore = residentMb(pid);
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, residentMb(pid))), 20);
  const started = performance.now();
  const response = await request();
  if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
  const reader = response.body!.getReader();
  let ttfb = 0;
  let bytes = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (!ttfb) ttfb = performance.now() - started;
    bytes += chunk.value.byteLength;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, residentMb(pid));
  return {
    format,
    ttfbMs: ttfb,
    seconds,
    bytes,
    tags: Number(response.headers.get("x-margin-tag-count")),
    rssBeforeMb: rssBefore,
    rssPeakMb: peak,
  };
}

function print(figures: Figures) {
  const mb = figures.bytes / 2 ** 20;
  console.log(
    `${figures.format.padEnd(11)} ${mb.toFixed(0).padStart(5)} MB in ${figures.seconds.toFixed(1).padStart(5)} s: ${(mb / figures.seconds).toFixed(1).padStart(5)} MB/s, ${Math.round(
      figures.tags / figures.seconds,
    )
      .toLocaleString("en")
      .padStart(9)} tags/s; ` +
      `first byte ${figures.ttfbMs.toFixed(0)} ms; RSS ${figures.rssBeforeMb.toFixed(0)} → peak ${figures.rssPeakMb.toFixed(0)} MB (+${(figures.rssPeakMb - figures.rssBeforeMb).toFixed(0)} MB)`,
  );
}

/** A database name → its URL on the embedded server; a new scratch database unless --reuse names one. */
async function database(serverUrl: string) {
  if (!values.reuse) return createScratchDatabase(serverUrl, "margin_bench_export");
  const url = new URL(serverUrl);
  url.pathname = `/${values.reuse}`;
  return { url: url.toString(), drop: async () => {} };
}

async function main() {
  const databaseServer = await openDatabase({ profile: "test", database: "postgres", migrate: false });
  const scratch = await database(databaseServer.url);
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  try {
    process.env.DATABASE_URL = scratch.url;
    let slug: string;
    let authorId: string;
    if (values.reuse) {
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      ({ slug, user_id: authorId } = (
        await client.query(
          `SELECT p.slug, m.user_id FROM projects p JOIN memberships m ON m.project_id = p.id AND m.role = 'owner' LIMIT 1`,
        )
      ).rows[0]);
      await client.end();
    } else {
      await applyMigrations(scratch.url);
      const [author, second, reviewer] = [
        await createUser({ name: "Ana Ruiz" }),
        await createUser({ name: "Ben Ode" }),
        await createUser({ name: "Rita Review" }),
      ];
      const project = await createProjectWith({ owner: [author], editor: [second], reviewer: [reviewer] });
      ({ slug } = project);
      authorId = author.id;
      const loadStarted = performance.now();
      await load(scratch.url, project.projectId, { author: author.id, second: second.id, reviewer: reviewer.id });
      console.log(
        `loaded ${ARTICLES.toLocaleString("en")} articles (~8,000 characters) and ${(ARTICLES * TAGS).toLocaleString("en")} tags in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
      );
    }
    console.log(
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    );
    const formats = values.formats!.split(",");
    if (values["in-process"]) {
      const access = (await unsafeOperatorProjectAccess(slug, "project:read"))!;
      for (const entry of formats) {
        const [format] = entry.split("+");
        const figures = await measure(
          entry,
          async () => {
            const started = await startProjectExport(access, projectExportQuerySchema.parse({ format }));
            return new Response(
              entry.endsWith("+gzip")
                ? started.stream.pipeThrough(new CompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>)
                : started.stream,
              { headers: { "x-margin-tag-count": String(started.counts.tags) } },
            );
          },
          process.pid,
        );
        print(figures);
      }
      return;
    }
    const port = 3400 + Math.floor(Math.random() * 400);
    server = await startServerProcess({ PORT: String(port), DATABASE_URL: scratch.url }, 60_000, [
      ...(values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : []),
      ...(process.env.SERVER_FLAGS?.split(" ").filter(Boolean) ?? []),
    ]);
    const pid = server.child.pid!;
    const { token } = await createApiToken(authorId, "bench");
    const get =
      (query: string, gzip = false) =>
      () =>
        fetch(`http://127.0.0.1:${port}/api/projects/${slug}/export?${query}`, {
          headers: { authorization: `Bearer ${token}`, "accept-encoding": gzip ? "gzip" : "identity" },
        });
    // Warm up: the route's first call loads its modules.
    await (await get("format=jsonl&articles=bench000000")()).text();
    for (const entry of formats) {
      const [format, gzip] = entry.split("+");
      print(await measure(entry, get(`format=${format}`, gzip === "gzip"), pid));
    }
  } finally {
    if (server) {
      server.child.kill("SIGTERM");
      await exitOf(server.child);
    }
    await disconnectPrisma();
    if (values.keep || values.reuse) console.log(`kept the database ${new URL(scratch.url).pathname.slice(1)}`);
    else await scratch.drop();
    await databaseServer.stop();
  }
}

void main();
