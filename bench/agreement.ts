/**
 * `npm run bench:agreement`: inter-annotator agreement (lib/review/agreement-report.ts computeAgreement)
 * for a project of 1,000 articles of about 8,000 characters, 3 annotators and 100,000 tags, in a scratch
 * database: the time to read and compute it, and the process's memory while it does. The annotators agree
 * the way people do: the second and third copy most of the first one's tags, move some boundaries,
 * relabel a few, miss some and add their own. Options: --articles N --tags N (in all) --runs N.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { createHash } from "node:crypto";
import { textToDoc } from "@/lib/articles/content";
import { OffsetIndex } from "@/lib/tags/offsets";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { createScratchDatabase, openDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrations";
import { disconnectPrisma } from "@/lib/db/prisma";
import { computeAgreement } from "@/lib/review/agreement-report";
import { createProjectWith, createUser } from "@/lib/testing/factories";
import { tokenize } from "@/lib/text/tokens";
import { newsText, rng } from "./news-text";
import { type Label, LABELS } from "@/lib/vocabulary";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "1000" },
    tags: { type: "string", default: "100000" },
    runs: { type: "string", default: "5" },
  },
});
const articleCount = Number(values.articles);
const tagCount = Number(values.tags);
const runs = Number(values.runs);

type Tag = { label: Label; start: number; end: number };

/** The first annotator's tags, then two colleagues' variations of them. */
function tagsOf(text: string, random: () => number, perAnnotator: number): Tag[][] {
  const tokens = tokenize(text);
  const offsets = new OffsetIndex(text);
  const span = (from: number, length: number) => ({
    start: offsets.toCodePoint(tokens[from]!.start),
    end: offsets.toCodePoint(tokens[Math.min(tokens.length - 1, from + length - 1)]!.end),
  });
  const first: Tag[] = Array.from({ length: perAnnotator }, () => ({
    label: LABELS[Math.floor(random() * 4)]!,
    ...span(Math.floor(random() * (tokens.length - 8)), 1 + Math.floor(random() * 6)),
  }));
  const colleague = () =>
    first.flatMap((tag): Tag[] => {
      const roll = random();
      if (roll < 0.7) return [tag];
      if (roll < 0.82) return [{ ...tag, end: Math.max(tag.start + 1, tag.end - 1 - Math.floor(random() * 3)) }];
      if (roll < 0.88) return [{ ...tag, label: LABELS[(LABELS.indexOf(tag.label) + 1) % 4]! }];
      if (roll < 0.95) return [];
      return [
        tag,
        { label: LABELS[Math.floor(random() * 4)]!, ...span(Math.floor(random() * (tokens.length - 8)), 1 + Math.floor(random() * 4)) },
      ];
    });
  return [first, colleague(), colleague()];
}

async function load(url: string, projectId: string, annotators: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const random = rng(11);
  const perAnnotator = Math.round(tagCount / articleCount / 3);
  let tags = 0;
  for (let offset = 0; offset < articleCount; offset += 100) {
    const articles = Array.from({ length: Math.min(100, articleCount - offset) }, (_, index) => ({
      id: `agree${String(offset + index).padStart(5, "0")}`,
      text: newsText(random, 8000),
    }));
    await client.query(
      `INSERT INTO articles (id, project_id, title, text, content, text_hash, status, updated_at)
       SELECT id, $1, 'Story ' || id, text, content::jsonb, hash, 'in_review', now() FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, text, content, hash)`,
      [
        projectId,
        articles.map((a) => a.id),
        articles.map((a) => a.text),
        articles.map((a) => JSON.stringify(textToDoc(a.text))),
        articles.map((a) => createHash("sha256").update(a.text).digest("hex")),
      ],
    );
    const rows: { id: string; article: string; label: string; start: number; end: number; text: string; author: string }[] = [];
    for (const article of articles) {
      const points = [...article.text];
      tagsOf(article.text, random, perAnnotator).forEach((layer, who) =>
        layer.forEach((tag, index) =>
          rows.push({
            id: `${article.id}-${who}-${index}`,
            article: article.id,
            ...tag,
            text: points.slice(tag.start, tag.end).join(""),
            author: annotators[who]!,
          }),
        ),
      );
    }
    tags += rows.length;
    await client.query(
      `INSERT INTO annotations (id, article_id, label, start, "end", text, author_id, annotator_ids, updated_at)
       SELECT id, article, label::"AnnotationLabel", s, e, text, author, ARRAY[author], now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[]) AS t(id, article, label, s, e, text, author)`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.article),
        rows.map((r) => r.label),
        rows.map((r) => r.start),
        rows.map((r) => r.end),
        rows.map((r) => r.text),
        rows.map((r) => r.author),
      ],
    );
  }
  await client.query("ANALYZE articles; ANALYZE annotations;");
  await client.end();
  return tags;
}

async function main() {
  const server = await openDatabase({ profile: "test", database: "postgres", migrate: false });
  const scratch = await createScratchDatabase(server.url, "margin_bench");
  try {
    await applyMigrations(scratch.url);
    process.env.DATABASE_URL = scratch.url;
    const people = [await createUser({ name: "A" }), await createUser({ name: "B" }), await createUser({ name: "C" })];
    const { slug, projectId } = await createProjectWith({ editor: people });
    const started = performance.now();
    const tags = await load(
      scratch.url,
      projectId,
      people.map((person) => person.id),
    );
    console.log(
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    );
    console.log(
      `loaded ${articleCount} articles (~8,000 characters), 3 annotators, ${tags} tags in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const access = (await unsafeOperatorProjectAccess(slug, "project:read"))!;
    for (let run = 1; run <= runs; run++) {
      global.gc?.();
      const before = process.memoryUsage();
      let peakRss = before.rss;
      let peakHeap = before.heapUsed;
      const sampler = setInterval(() => {
        const now = process.memoryUsage();
        peakRss = Math.max(peakRss, now.rss);
        peakHeap = Math.max(peakHeap, now.heapUsed);
      }, 10);
      const t = performance.now();
      const report = await computeAgreement(access);
      const ms = performance.now() - t;
      clearInterval(sampler);
      const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
      const pair = report.pairs[0]!;
      console.log(
        `run ${run}: ${ms.toFixed(0)} ms for ${report.pairs.length} pairs over ${pair.articles} articles and ${pair.tokens.toLocaleString("en")} tokens per pair; ` +
          `peak RSS +${mb(peakRss - before.rss)} MB (${mb(peakRss)} MB), heap peak +${mb(peakHeap - before.heapUsed)} MB; A–B kappa ${pair.kappa?.toFixed(3)}, F1 exact ${pair.f1Exact?.toFixed(3)}`,
      );
    }
  } finally {
    await disconnectPrisma();
    await scratch.drop();
    await server.stop();
  }
}

void main();
