/**
 * `npm run bench:list`: the article list and search query (lib/articles/data.ts listArticles) on a project
 * of 10,000 articles of about 8,000 characters with 30,000 tags, in a scratch database. Prints p50/p95 in
 * milliseconds per query shape; the target is p95 under 50 ms. Options: --articles N --runs N.
 */
import { createHash } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { textToDoc } from "@/lib/articles/content";
import { countWords } from "@/lib/articles/canonical-text";
import { listArticles } from "@/lib/articles/data";
import { listArticlesQuerySchema } from "@/lib/articles/schema";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { createScratchDatabase, openDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrations";
import { disconnectPrisma } from "@/lib/db/prisma";
import { createProjectWith, createUser } from "@/lib/testing/factories";
import { newsText, rng } from "./news-text";

const { values } = parseArgs({ options: { articles: { type: "string", default: "10000" }, runs: { type: "string", default: "100" } } });
const count = Number(values.articles);
const runs = Number(values.runs);

/** Bulk-loads articles with plain SQL: going through the import pipeline would time the loader, not the query. */
async function load(url: string, projectId: string, authorId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const random = rng(7);
  const statuses = ["new", "in_progress", "in_review", "done"];
  const labels = ["actor", "claim", "figure", "quote"];
  for (let offset = 0; offset < count; offset += 500) {
    const rows = Array.from({ length: Math.min(500, count - offset) }, (_, index) => {
      const text = newsText(random, 8000);
      return {
        id: `bench${offset + index}`,
        title: `Story ${offset + index}: ${text.slice(0, 60)}`,
        text,
        status: statuses[Math.floor(random() * 4)]!,
      };
    });
    await client.query(
      `INSERT INTO articles (id, project_id, title, text, content, text_hash, word_count, status, created_at, updated_at)
       SELECT id, $1, title, text, content::jsonb, hash, words, status::"ArticleStatus", now() - (ordinality || ' minutes')::interval, now()
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[]) WITH ORDINALITY AS t(id, title, text, content, hash, words, status, ordinality)`,
      [
        projectId,
        rows.map((row) => row.id),
        rows.map((row) => row.title),
        rows.map((row) => row.text),
        rows.map((row) => JSON.stringify(textToDoc(row.text))),
        rows.map((row) => createHash("sha256").update(row.text).digest("hex")),
        rows.map((row) => countWords(row.text)),
        rows.map((row) => row.status),
      ],
    );
    await client.query(
      `INSERT INTO annotations (id, article_id, label, start, "end", text, author_id, annotator_ids, updated_at)
       SELECT a.id || '-' || n, a.id, ($2::text[])[1 + (n + length(a.id)) % 4]::"AnnotationLabel", n * 10, n * 10 + 5, substr(a.text, n * 10 + 1, 5), $1, ARRAY[$1], now()
       FROM articles a, generate_series(1, 3) n WHERE a.id = ANY($3)`,
      [authorId, labels, rows.map((row) => row.id)],
    );
  }
  await client.query("ANALYZE articles; ANALYZE annotations;");
  await client.end();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const server = await openDatabase({ profile: "test", database: "postgres", migrate: false });
  const scratch = await createScratchDatabase(server.url, "margin_bench");
  try {
    await applyMigrations(scratch.url);
    process.env.DATABASE_URL = scratch.url;
    const author = await createUser();
    const { slug, projectId } = await createProjectWith({ editor: [author] });
    const started = performance.now();
    await load(scratch.url, projectId, author.id);
    console.log(
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    );
    console.log(
      `loaded ${count} articles (~8,000 characters) and ${count * 3} tags in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const access = (await unsafeOperatorProjectAccess(slug, "project:read"))!;
    const shapes: Record<string, Record<string, string>> = {
      "newest, page 1": {},
      "newest, page 100": { page: "100" },
      "search one common word": { q: "council" },
      "search a phrase": { q: '"harbor ferry"' },
      "search + status": { q: "budget minister", status: "in_review" },
      "label + annotator": { label: "quote", annotator: author.email },
      "title order, page 20": { sort: "title", page: "20" },
    };
    for (const [name, input] of Object.entries(shapes)) {
      const query = listArticlesQuerySchema.parse(input);
      for (let i = 0; i < 5; i++) await listArticles(access, query);
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        total = (await listArticles(access, query)).total;
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(
        `${name.padEnd(24)} ${String(total).padStart(6)} matches   p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms`,
      );
    }
  } finally {
    await disconnectPrisma();
    await scratch.drop();
    await server.stop();
  }
}

void main();
