/**
 * `npm run bench:suggestions-effect` (after `next build`): what suggestions save an annotator, measured with
 * a scripted annotator in headless Chromium on the production server (scratch database). Each gold article
 * (bench/gold, default 06,07,08: the held-out half) is imported twice and tagged fully to its gold tags:
 * - from scratch: for every gold tag, its words selected and its label's key pressed;
 * - from suggestions: "Suggest" pressed, then every suggestion walked with the keys, accepted when it has a
 *   gold tag's label and exact words, dismissed otherwise; then every gold tag no suggestion gave, by hand.
 * Printed per article and in total: wall time of each way, key presses, selections and clicks, the gold
 * tags suggestions gave, the ratio of the times, and the tags each way left exactly as gold (read back
 * through the API). No think time is simulated: the figures are the mechanical effort and the software's
 * time, not a person's. Links (speaker, source) and figures' details are set by neither way. Each action
 * waits until the software has it (a tag counted in the panel, a decision answered by the API), so the time
 * is the software's latency times the actions; a person's time would be dominated by the selections, the
 * slow part of tagging by hand, which is why they are counted apart. A suggestion that leaves the text
 * before it is decided (its words tagged meanwhile) is counted and named, and its gold tag is tagged by hand.
 * Options: --articles 06,07,08 (numbers or names) --timeout ms (per action; a tag that does not record
 * within it is counted as failed, never a hang).
 */
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import type { Page } from "@playwright/test";
import { createScratchDatabase, openDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrations";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import type { GoldArticle, GoldTag } from "@/lib/suggestions/gold-markup";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import { exitOf, startServerProcess } from "@/lib/testing/server-process";
import { openBrowser, type BenchPage } from "./editor-page";
import { loadGoldSet } from "./gold/load";
import {
  editorText,
  type Effort,
  emptyEffort,
  type ListedSuggestion,
  type Walk,
  openEditor,
  tagByHand,
  walkSuggestions,
} from "./suggestions-effect-annotator";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "06,07,08" },
    timeout: { type: "string", default: "15000" },
  },
});
const TIMEOUT = Number(values.timeout);

function pickArticles(gold: GoldArticle[], wanted: string[]): GoldArticle[] {
  return wanted.map((name) => {
    const found = gold.find((article) => article.id === name || article.id.startsWith(`${name}-`));
    if (!found) throw new Error(`no gold article "${name}"; the gold articles: ${gold.map((article) => article.id).join(", ")}`);
    return found;
  });
}

type Way = Effort & { exact: number; tags: number; misses: string[]; walk?: Walk & { offered: number; walkMs: number } };

/**
 * The article's tags as the API lists them, once the projection (which trails the live documents by a store,
 * 2 to 10 s) holds `expected` of them or stops changing; how many are exactly a gold tag (label and words).
 */
async function tagsAsGold(
  page: Page,
  articleId: string,
  gold: GoldTag[],
  expected: number,
): Promise<{ exact: number; tags: number; misses: string[] }> {
  type Listed = { label: string; start: number | null; end: number | null; text: string };
  let tags: Listed[] = [];
  for (let waited = 0; waited < 30_000; waited += 500) {
    const response = await page.request.get(`/api/articles/${articleId}/annotations?offsetUnit=utf16`);
    tags = ((await response.json()) as { annotations: Listed[] }).annotations;
    if (tags.length >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const goldKeys = new Set(gold.map((tag) => `${tag.label} ${tag.start} ${tag.end}`));
  const placed = new Set(tags.map((tag) => `${tag.label} ${tag.start} ${tag.end}`));
  // A gold tag not in place, with the tag of its label on its words instead (word snapping widened it, say).
  const misses = gold
    .filter((tag) => !placed.has(`${tag.label} ${tag.start} ${tag.end}`))
    .map((tag) => {
      const near = tags.find((other) => other.label === tag.label && other.start! < tag.end && other.end! > tag.start);
      return `${tag.label} ${JSON.stringify(tag.text)}${near ? ` tagged as ${JSON.stringify(near.text)}` : " missing"}`;
    });
  return { exact: tags.filter((tag) => goldKeys.has(`${tag.label} ${tag.start} ${tag.end}`)).length, tags: tags.length, misses };
}

async function fromScratch(page: Page, article: GoldArticle, url: string, id: string): Promise<Way> {
  await openEditor(page, url);
  const effort = emptyEffort();
  const started = performance.now();
  for (const tag of article.tags) await tagByHand(page, tag, effort, TIMEOUT);
  effort.ms = performance.now() - started;
  return { ...effort, ...(await tagsAsGold(page, id, article.tags, article.tags.length - effort.failed.length)) };
}

async function fromSuggestions(page: Page, article: GoldArticle, url: string, id: string): Promise<Way> {
  await openEditor(page, url);
  const effort = emptyEffort();
  let offered = 0;
  const list = async () => {
    const response = await page.request.get(`/api/articles/${id}/suggestions?offsetUnit=utf16`);
    const { suggestions } = (await response.json()) as { suggestions: ListedSuggestion[] };
    offered = suggestions.length;
    return suggestions;
  };
  const started = performance.now();
  const walk = await walkSuggestions(page, list, article.tags, effort, TIMEOUT);
  const walkMs = performance.now() - started;
  for (const tag of article.tags) if (!walk.given.has(tag)) await tagByHand(page, tag, effort, TIMEOUT);
  effort.ms = performance.now() - started;
  const checked = await tagsAsGold(page, id, article.tags, article.tags.length - effort.failed.length);
  return { ...effort, ...checked, walk: { ...walk, offered, walkMs } };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function describe(way: Way, gold: number): string {
  const actions = `${way.keys} key presses, ${way.selections} selections, ${way.clicks} clicks`;
  const failed = way.failed.length ? `; ${way.failed.length} failed` : "";
  return `${seconds(way.ms)}; ${actions}; ${way.exact}/${gold} gold tags in place (${way.tags} tags)${failed}`;
}

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("run `next build` first: the benchmark uses the production server");
  const articles = pickArticles(loadGoldSet(), values.articles.split(","));
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const databaseServer = await openDatabase({ profile: "test", database: "postgres", migrate: false });
  const scratch = await createScratchDatabase(databaseServer.url, "margin_bench_sugg_effect");
  process.env.DATABASE_URL = scratch.url;
  const port = 56000 + Math.floor(Math.random() * 1000);
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  let opened: BenchPage | undefined;
  try {
    await applyMigrations(scratch.url);
    const owner = await createUser({ name: "Bench Annotator" });
    // A project for each way: a project refuses a second copy of an article's text (a duplicate).
    const projects = [(await createProjectWith({ owner: [owner] })).slug, (await createProjectWith({ owner: [owner] })).slug];
    server = await startServerProcess({ PORT: String(port), DATABASE_URL: scratch.url }, 60_000);
    opened = await openBrowser(`http://127.0.0.1:${port}`, owner);
    const { page } = opened;
    console.log(`machine: ${machine}`);
    console.log("a scripted annotator in headless Chromium on the production server; no think time: the figures are the actions and");
    console.log("the software's time, not a person's reading. Links (speaker, source) and figure details are set by neither way.");
    const totals = { scratch: emptyEffort(), suggestions: emptyEffort(), gold: 0, given: 0, offered: 0, vanished: 0 };
    for (const article of articles) {
      const copies = [];
      for (const slug of projects) {
        const { id, url } = await createArticle(slug, { title: article.title, text: article.text });
        const stored = (await prisma.article.findUniqueOrThrow({ where: { id }, select: { text: true } })).text;
        if (stored !== article.text) throw new Error(`${article.id}: the imported text differs from the gold text; offsets would not hold`);
        copies.push({ id, url });
      }
      const [scratchCopy, suggestionsCopy] = copies as [{ id: string; url: string }, { id: string; url: string }];
      // An opening first, not timed: the first page of a fresh server and browser pays for cold caches.
      await openEditor(page, scratchCopy.url);
      if ((await editorText(page)) !== article.text) throw new Error(`${article.id}: the editor's text differs from the gold text`);
      const scratchWay = await fromScratch(page, article, scratchCopy.url, scratchCopy.id);
      const suggestionsWay = await fromSuggestions(page, article, suggestionsCopy.url, suggestionsCopy.id);
      const gold = article.tags.length;
      console.log(`${article.id} (${article.text.length.toLocaleString("en")} characters, ${gold} gold tags):`);
      console.log(`  from scratch:     ${describe(scratchWay, gold)}`);
      const walk = suggestionsWay.walk!;
      console.log(`  from suggestions: ${describe(suggestionsWay, gold)}`);
      console.log(
        `    ${walk.given.size} gold tags from ${walk.offered} suggestions (${walk.decisions} decided, ${walk.vanished.length} left the text undecided); ` +
          `the run ${seconds(walk.runMs)}, the walk ${seconds(walk.walkMs - walk.runMs)}, by hand ${seconds(suggestionsWay.ms - walk.walkMs)}`,
      );
      if (walk.vanished.length)
        console.log(`    undecided, gone from the text when words around them were tagged: ${walk.vanished.join("; ")}`);
      console.log(
        `  ratio (time from suggestions / from scratch): ${(suggestionsWay.ms / scratchWay.ms).toFixed(2)}; actions ${((suggestionsWay.keys + suggestionsWay.selections + suggestionsWay.clicks) / (scratchWay.keys + scratchWay.selections + scratchWay.clicks)).toFixed(2)}`,
      );
      for (const [name, way] of [
        ["from scratch", scratchWay],
        ["from suggestions", suggestionsWay],
      ] as const) {
        for (const failure of way.failed.slice(0, 10)) console.log(`    failed (${name}): ${failure}`);
        for (const miss of way.misses.slice(0, 10)) console.log(`    not as gold (${name}): ${miss}`);
      }
      for (const [total, way] of [
        [totals.scratch, scratchWay],
        [totals.suggestions, suggestionsWay],
      ] as const) {
        total.ms += way.ms;
        total.keys += way.keys;
        total.selections += way.selections;
        total.clicks += way.clicks;
        total.failed.push(...way.failed);
      }
      totals.gold += gold;
      totals.given += walk.given.size;
      totals.offered += walk.offered;
      totals.vanished += walk.vanished.length;
    }
    const { scratch: s, suggestions: g } = totals;
    const actions = (way: Effort) => `${way.keys} key presses, ${way.selections} selections, ${way.clicks} clicks`;
    console.log(`total (${articles.length} articles, ${totals.gold} gold tags):`);
    console.log(`  from scratch:     ${seconds(s.ms)}; ${actions(s)}; ${s.failed.length} failed`);
    console.log(
      `  from suggestions: ${seconds(g.ms)}; ${actions(g)}; ${g.failed.length} failed; ${totals.given} gold tags (${((100 * totals.given) / totals.gold).toFixed(0)}%) from ${totals.offered} suggestions (${totals.vanished} left the text undecided)`,
    );
    console.log(
      `  ratio (time from suggestions / from scratch): ${(g.ms / s.ms).toFixed(2)}; actions ${((g.keys + g.selections + g.clicks) / (s.keys + s.selections + s.clicks)).toFixed(2)}; selections ${(g.selections / s.selections).toFixed(2)}`,
    );
    console.log("  (each action waits for the software to record it; no think time: a person's selections take far longer than a key)");
  } finally {
    await opened?.browser.close().catch(() => {});
    server?.child.kill("SIGTERM");
    if (server) await exitOf(server.child);
    await disconnectPrisma();
    await scratch.drop().catch(() => {});
    await databaseServer.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
