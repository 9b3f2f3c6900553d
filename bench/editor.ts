/**
 * `npm run bench:editor` (after `next build`): the annotation editor at newsroom scale, on the production
 * server with a scratch database, in headless Chromium and with Node clients on loopback. The article has
 * 100,000 characters, 5,000 tags (a fifth overlapping another) and 2,000 suggestions unless told otherwise. Parts:
 * - opening: from navigation to readable (the text on screen with every tag highlighted, in the server's
 *   preview or the editor) and to editable (every tag highlighted and listed), with first (contentful)
 *   paint, for an article open on the server already (a reload, a colleague there), one stored but not
 *   loaded (as an import leaves it), one on a server that just started, and, the fallback, one whose live
 *   documents the server must build from PostgreSQL's rows;
 * - typing: keystroke to the next painted frame in the middle of the article (the first keystroke too), with
 *   frames drawn on demand (the work) and at 60 Hz (plus the wait for the display's next frame);
 * - remote: a colleague's keystroke applied to the open editor (Yjs → ProseMirror → DOM), and to paint;
 * - add-one: adding one tag (words selected, a label's key) on articles of N tags, N from --add-one (20
 *   characters a tag at least: 20,000 tags on 400,000 characters): key to painted, to marked, to answered;
 * - crowd: 20 Node clients at once on articles of N tags (--crowd): typing (propagation, server CPU per
 *   keystroke), tagging at a pace and as fast as answered (acknowledgement, tags/s, CPU per tag);
 * - memory: server memory per open article (heap after collection, resident set growth);
 * - recogito: Recogito's text annotator on the same text and tags, navigation to painted (bench/recogito.ts).
 * Options: --chars N --tags N --suggestions N --loads N --stored N --keys N --clients N --articles N
 * --add-one 0,500,2000,5000,20000 --add-one-tags N --crowd 500,5000 --crowd-tags N --crowd-interval ms
 * --recogito-runs N --only part,… --skip part,… --profile <dir> (Chromium CPU profiles and traces of the
 * page reopening the article, typing and adding tags, for its DevTools) --server-profile <dir> (the server's
 * CPU profile, written when it stops; the memory part restarts it without).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { utf16ToCodePoint } from "@/lib/tags/offsets";
import { seedDocuments } from "@/lib/tags/mutations";
import { createScratchDatabase, openDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrations";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { connectClient, type TestClient } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import { exitOf, startServerProcess } from "@/lib/testing/server-process";
import { LABELS } from "@/lib/vocabulary";
import { measureCrowd, typeInto } from "./editor-crowd";
import { measureInteractive, measureTyping, openBrowser, profilePage, remoteTimings, type BenchPage, type Opening } from "./editor-page";
import { measureAddOne } from "./editor-tagging";
import { cpuMeter, settle } from "./process-cpu";
import { measureRecogito } from "./recogito-annotator";
import { inspect, residentMb } from "./server-memory";
import { counts, percentile, sleep, summary } from "./stats";
import { benchText, charsFor, tagSpans } from "./tagged-text";
import { rng } from "./news-text";

const PARTS = ["opening", "typing", "remote", "add-one", "crowd", "memory", "recogito"];

const { values } = parseArgs({
  options: {
    chars: { type: "string", default: "100000" },
    tags: { type: "string", default: "5000" },
    suggestions: { type: "string", default: "2000" },
    loads: { type: "string", default: "5" },
    stored: { type: "string", default: "3" },
    keys: { type: "string", default: "200" },
    clients: { type: "string", default: "20" },
    articles: { type: "string", default: "4" },
    "add-one": { type: "string", default: "0,500,2000,5000,20000" },
    "add-one-tags": { type: "string", default: "15" },
    crowd: { type: "string", default: "500,5000" },
    "crowd-tags": { type: "string", default: "5" },
    "crowd-interval": { type: "string", default: "2000" },
    "recogito-runs": { type: "string", default: "5" },
    only: { type: "string" },
    skip: { type: "string", default: "" },
    profile: { type: "string" },
    "server-profile": { type: "string" },
  },
});
const CHARS = Number(values.chars);
const TAGS = Number(values.tags);
const SUGGESTIONS = Number(values.suggestions);
const only = values.only?.split(",") ?? PARTS;
const skip = values.skip.split(",").filter(Boolean);
for (const part of [...only, ...skip]) if (!PARTS.includes(part)) throw new Error(`unknown part "${part}"; the parts: ${PARTS.join(", ")}`);
const runs = (part: string) => only.includes(part) && !skip.includes(part);

const size = (chars: number, tags: number) => `${chars.toLocaleString("en")} characters, ${tags.toLocaleString("en")} tags`;

/** An article of `tags` tags on generated text, with its tag rows; the same seed gives the same words and tags. */
async function seedArticle(slug: string, authorId: string, seed: number, tags = TAGS) {
  const { text, random } = benchText(seed, charsFor(tags, CHARS));
  const { id } = await createArticle(slug, { title: `Bench story ${seed}`, text });
  const stored = (await prisma.article.findUniqueOrThrow({ where: { id }, select: { text: true } })).text;
  const spans = tagSpans(stored, tags, random);
  await prisma.annotation.createMany({
    data: spans.map((span, index) => ({
      articleId: id,
      label: LABELS[index % LABELS.length]!,
      start: utf16ToCodePoint(stored, span.start),
      end: utf16ToCodePoint(stored, span.end),
      text: stored.slice(span.start, span.end),
      authorId,
      attributes: {},
    })),
  });
  return { id, url: `/projects/${slug}/articles/${id}`, length: stored.length, tags, stored, random };
}

/** Machine suggestions on the article, as a run leaves them (lib/suggestions/mutations.ts), on other words than its tags. */
async function seedSuggestions(article: { id: string; stored: string; random: () => number }, count: number) {
  const spans = tagSpans(article.stored, count, article.random);
  await prisma.suggestion.createMany({
    data: spans.map((span, index) => ({
      articleId: article.id,
      suggester: "bench:suggestions",
      version: "1",
      label: LABELS[(index + 1) % LABELS.length]!,
      start: utf16ToCodePoint(article.stored, span.start),
      end: utf16ToCodePoint(article.stored, span.end),
      text: article.stored.slice(span.start, span.end),
      score: (index % 100) / 100,
    })),
  });
}

/**
 * The article's live documents built and stored, as an import leaves them. Building them runs in one of
 * Prisma's interactive transactions, which end after 5 s: 20,000 tags on 400,000 characters took just over
 * that on a busy machine, so it is tried again (the transaction rolled back), and how long it took is told.
 */
async function buildDocuments(articleId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    try {
      await seedDocuments(articleId);
      return;
    } catch (error) {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`  (building the live documents failed after ${seconds} s, attempt ${attempt}: ${String(error).split("\n")[0]})`);
      if (attempt === 3) throw error;
    }
  }
}

/** Waits until the editor shows the article's suggestions (loaded after the editor, lib/editor/suggestions.ts); how many. */
async function suggestionsShown(page: BenchPage["page"]): Promise<number> {
  if (!SUGGESTIONS) return 0;
  const count = page.getByTestId("suggestion-count");
  await page.locator(".margin-editor .margin-suggestion").first().waitFor({ timeout: 60_000 });
  return Number(await count.textContent());
}

/** Median of each of the page's marks over some openings, in ms from navigation. */
function medianMarks(openings: Opening[]): string {
  const median = (pick: (opening: Opening) => number | undefined) =>
    percentile(
      openings.map((opening) => pick(opening) ?? NaN),
      50,
    ).toFixed(0);
  const mark = (name: string) => median((opening) => opening.marks[name]);
  return (
    `readable ${median((opening) => opening.readable)} (${[...new Set(openings.map((opening) => opening.readableBy))].join(", ")}), ` +
    `first paint ${median((opening) => opening.firstPaint)}, first contentful paint ${median((opening) => opening.firstContentfulPaint)}, ` +
    `largest contentful paint ${median((opening) => opening.largestContentfulPaint)}; page ready and connecting ${mark("connect")}, ` +
    `both documents synced ${mark("synced")}, editor built ${mark("editor")}, tag spans known ${mark("spans")}`
  );
}

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("run `next build` first: the benchmark uses the production server");
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const databaseServer = await openDatabase({ profile: "test", database: "postgres", migrate: false });
  const scratch = await createScratchDatabase(databaseServer.url, "margin_bench_editor");
  process.env.DATABASE_URL = scratch.url;
  const port = 56000 + Math.floor(Math.random() * 1000);
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  const clients: TestClient[] = [];
  const browsers: BenchPage[] = [];
  try {
    await applyMigrations(scratch.url);
    const owner = await createUser({ name: "Bench" });
    const { slug } = await createProjectWith({ owner: [owner] });
    const token = (await createApiToken(owner.id, "bench")).token;
    console.log(`machine: ${machine}`);
    let article: Awaited<ReturnType<typeof seedArticle>> | undefined;
    const mainArticle = async () => {
      if (article) return article;
      article = await seedArticle(slug, owner.id, 1);
      // As a margin-json import leaves an article with tags: its live documents built and stored.
      await buildDocuments(article.id);
      await seedSuggestions(article, SUGGESTIONS);
      const overlapping = Math.round(TAGS * 0.2).toLocaleString("en");
      console.log(
        `article: ${size(article.length, TAGS)} (${overlapping} overlapping another), ${SUGGESTIONS.toLocaleString("en")} suggestions`,
      );
      return article;
    };

    // --server-profile: V8 writes the server's CPU profile when it exits (SIGTERM: at each restart, at the end).
    const serverArgs = values["server-profile"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values["server-profile"])}`] : [];
    server = await startServerProcess({ PORT: String(port), DATABASE_URL: scratch.url }, 60_000, serverArgs);
    // A fresh server for each article the tagging parts use: an earlier article's document stays loaded for a
    // minute after its last reader, and unloading it (a large one above all) would be charged to this one.
    const restartServer = async (nodeArgs = serverArgs) => {
      for (const client of clients.splice(0)) client.destroy();
      server!.child.kill("SIGTERM");
      await exitOf(server!.child);
      server = await startServerProcess({ PORT: String(port), DATABASE_URL: scratch.url }, 60_000, nodeArgs);
      return server;
    };
    const base = `http://127.0.0.1:${port}`;
    const wsUrl = `ws://127.0.0.1:${port}/collab`;
    const open = async (options: { framesOnDemand?: boolean } = {}) => {
      const opened = await openBrowser(base, owner, options);
      browsers.push(opened);
      return opened;
    };
    const profile = async <T>(page: BenchPage["page"], name: string, work: () => Promise<T>): Promise<T> => {
      if (!values.profile) return work();
      let result!: T;
      await profilePage(page, path.join(values.profile, name), async () => (result = await work()));
      return result;
    };

    if (runs("opening") || runs("typing") || runs("remote")) {
      const { page } = await open();
      const main = await mainArticle();
      if (runs("opening")) {
        // In one browser: the article again and again (the first on a server that just started); then, the
        // server warm, articles whose documents are stored but not loaded, and one with tag rows only.
        const stored = [];
        for (let index = 0; index < Number(values.stored); index++) {
          const other = await seedArticle(slug, owner.id, 100 + index);
          await buildDocuments(other.id);
          stored.push(other);
        }
        const fresh = await seedArticle(slug, owner.id, 200);
        const openings = await measureInteractive(page, main.url, TAGS, Number(values.loads));
        if (values.profile) await profile(page, "reopening", () => measureInteractive(page, main.url, TAGS));
        const storedOpenings = [];
        for (const other of stored) storedOpenings.push(...(await measureInteractive(page, other.url, TAGS)));
        const [firstWarm] = await measureInteractive(page, fresh.url, TAGS);
        const ms = (list: Opening[]) => list.map((opening) => opening.ms);
        for (const opening of [...openings, ...storedOpenings, firstWarm!])
          if (opening.problem) console.log(`  an opening never had every tag coloured: ${opening.problem}`);
        console.log(`opening (${TAGS} tags), ms from navigation to editable (highlighted, listed, painted), and to readable:`);
        console.log(
          `  open on the server (a reload, a colleague there): ${summary(ms(openings.slice(1)))}; ${medianMarks(openings.slice(1))}`,
        );
        console.log(`  stored, not loaded: ${summary(ms(storedOpenings))}; ${medianMarks(storedOpenings)}`);
        console.log(
          `  first opening on a server that just started (stored): ${openings[0]!.ms.toFixed(0)} ms; ${medianMarks(openings.slice(0, 1))}`,
        );
        console.log(
          `  tag rows without live documents (the server builds them first; imports build them): ${firstWarm!.ms.toFixed(0)} ms; ${medianMarks([firstWarm!])}`,
        );
      }

      if (runs("typing")) {
        // Typing in the middle of the article, with frames drawn at 60 Hz here, then on demand in a second
        // browser. One browser on the article at a time: a colleague's browser would be on another machine,
        // not taking this one's two cores to apply every keystroke.
        await measureInteractive(page, main.url, TAGS);
        await suggestionsShown(page);
        const at60Hz = await profile(page, "typing", () => measureTyping(page, Number(values.keys)));
        await page.goto("about:blank");
        const onDemand = await open({ framesOnDemand: true });
        await measureInteractive(onDemand.page, main.url, TAGS);
        const shown = await suggestionsShown(onDemand.page);
        const typing = await measureTyping(onDemand.page, Number(values.keys));
        await onDemand.browser.close();
        console.log(
          `typing (${shown} suggestions on the text), keystroke to paint: ${summary(typing)}; with frames at 60 Hz: ${summary(at60Hz)}`,
        );
        console.log(`  first keystroke after opening: ${typing[0]?.toFixed(1)} ms; with frames at 60 Hz: ${at60Hz[0]?.toFixed(1)} ms`);
      }

      if (runs("remote")) {
        // A colleague types at 10 keystrokes per second.
        await measureInteractive(page, main.url, TAGS);
        const colleague = await connectClient(wsUrl, main.id, token);
        clients.push(colleague);
        const random = rng(7);
        await remoteTimings.reset(page);
        for (let key = 0; key < 150; key++) {
          typeInto(colleague, "x", random);
          await sleep(100);
        }
        await sleep(500);
        const remote = await remoteTimings.read(page);
        console.log(`remote update applied (Yjs → ProseMirror → DOM): ${summary(remote.remote)}`);
        console.log(`remote update to paint: ${summary(remote.remotePaint)}`);
        colleague.destroy();
      }
      await page.context().browser()!.close();
    }

    if (runs("add-one")) {
      // Frames on demand: the time is the page's and the browser's work, not the wait for a 60 Hz tick.
      const { page, browser } = await open({ framesOnDemand: true });
      console.log(`adding one tag (frames drawn on demand; each article on a server just started), ms from the key press:`);
      for (const [index, tags] of counts(values["add-one"]).entries()) {
        const target = await seedArticle(slug, owner.id, 400 + index, tags);
        await buildDocuments(target.id);
        await page.goto("about:blank");
        await settle((await restartServer()).child.pid!);
        const [opening] = await measureInteractive(page, target.url, tags);
        const added = await profile(page, `add-one-${tags}`, () => measureAddOne(page, Number(values["add-one-tags"])));
        const failed = added.failed.length ? `; ${added.failed.length} failed (${[...new Set(added.failed)].join(", ")})` : "";
        console.log(
          `  N = ${size(target.length, tags)} (opened: readable ${opening!.readable.toFixed(0)} ms, editable ${opening!.ms.toFixed(0)} ms)${failed}`,
        );
        if (opening!.problem) console.log(`    not every tag coloured once editable: ${opening!.problem}`);
        const first = added.first;
        const ms = (value: number | undefined) => (value === undefined ? "–" : `${value.toFixed(0)} ms`);
        console.log(
          `    first tag after opening: painted ${ms(first?.painted)}, marked ${ms(first?.marked)}, answered ${ms(first?.answered)}`,
        );
        console.log(`    key → painted: ${summary(added.painted)}`);
        console.log(`    key → marked: ${summary(added.marked)}`);
        console.log(`    key → answered: ${summary(added.answered)}`);
      }
      await browser.close();
    }

    if (runs("crowd")) {
      for (const [index, tags] of counts(values.crowd).entries()) {
        const target = await seedArticle(slug, owner.id, 500 + index, tags);
        await buildDocuments(target.id);
        const { pid } = (await restartServer()).child;
        await settle(pid!);
        const cpu = cpuMeter(pid!, Number(new URL(scratch.url).port || 5432));
        console.log(`${values.clients} clients at once on ${size(target.length, tags)}:`);
        const lines = await measureCrowd(wsUrl, target.id, token, cpu, {
          clients: Number(values.clients),
          typingRounds: 50,
          tagsEach: Number(values["crowd-tags"]),
          intervalMs: Number(values["crowd-interval"]),
        });
        for (const line of lines) console.log(`  ${line}`);
      }
    }

    if (runs("memory")) {
      // A fresh server's heap after garbage collection (through its inspector) with one article open, then
      // with more; and its resident set, which also holds what loading left behind.
      const main = await mainArticle();
      server = await restartServer(["--inspect=127.0.0.1:0"]);
      const inspector = await inspect(server.output());
      const more = Number(values.articles);
      const extra = [];
      for (let index = 0; index < more; index++) extra.push(await seedArticle(slug, owner.id, 10 + index));
      clients.push(await connectClient(wsUrl, main.id, token));
      await sleep(3000);
      const before = { heap: await inspector.heapMb(), resident: residentMb(server.child.pid!) };
      for (const other of extra) clients.push(await connectClient(wsUrl, other.id, token));
      await sleep(3000);
      const after = { heap: await inspector.heapMb(), resident: residentMb(server.child.pid!) };
      inspector.close();
      const perArticle = (key: "heap" | "resident") => ((after[key] - before[key]) / more).toFixed(1);
      console.log(
        `server memory per open article: ${perArticle("heap")} MB of heap after collection (${before.heap.toFixed(0)} → ${after.heap.toFixed(0)} MB with ${more} more open), ${perArticle("resident")} MB resident (${before.resident.toFixed(0)} → ${after.resident.toFixed(0)} MB)`,
      );
    }

    if (runs("recogito")) {
      // With Margin's server stopped: the comparison has the machine to itself, as Margin's page had its share.
      for (const client of clients.splice(0)) client.destroy();
      server.child.kill("SIGTERM");
      await exitOf(server.child);
      server = undefined;
      const { text, random } = benchText(1, charsFor(TAGS, CHARS));
      const spans = tagSpans(text, TAGS, random);
      const renderers = ["SPANS", "CSS_HIGHLIGHTS"];
      for (const line of await measureRecogito({ text, spans, runs: Number(values["recogito-runs"]), renderers })) console.log(line);
    }
  } finally {
    for (const client of clients) client.destroy();
    for (const { browser } of browsers) await browser.close().catch(() => {});
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
