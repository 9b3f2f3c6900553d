/**
 * `npm run bench:editor` (after `next build`): the annotation editor at newsroom scale, on the production
 * server with a scratch database, in headless Chromium and with Node clients on loopback. An article of
 * 100,000 characters carrying 5,000 tags (a fifth overlapping another) is used for every figure:
 * - interactive: from navigation to an editable text with every tag highlighted and listed, for an article
 *   open on the server already (a reload, a colleague there), one stored but not loaded (as an import
 *   leaves it), and, the fallback, one whose live documents the server must build from PostgreSQL's rows;
 * - typing: keystroke to the next painted frame, typing in the middle of the article, with frames drawn on
 *   demand (the work) and at 60 Hz (plus the wait for the display's next frame);
 * - remote update: a colleague's keystroke applied to the open editor (Yjs → ProseMirror → DOM), and to paint;
 * - propagation: 20 clients typing at once, from one client's change to each other client receiving it;
 * - server memory per open article (heap after collection, resident set growth).
 * Options: --chars N --tags N --loads N --stored N --keys N --clients N --articles N --profile <dir> (CPU
 * profiles of the page reopening the article and typing, for Chromium's DevTools).
 */
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { WebSocket } from "ws";
import * as Y from "yjs";
import path from "node:path";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { utf16ToCodePoint } from "@/lib/tags/offsets";
import { contentFragment } from "@/lib/tags/documents";
import { seedDocuments } from "@/lib/tags/mutations";
import { createScratchDatabase, openDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrations";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { connectClient, eventually, type TestClient } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import { exitOf, startServerProcess } from "@/lib/testing/server-process";
import { measureInteractive, measureTyping, openBrowser, profilePage, remoteTimings, type Opening } from "./editor-page";
import { newsText, rng } from "./news-text";
import { LABELS } from "@/lib/vocabulary";

const { values } = parseArgs({
  options: {
    chars: { type: "string", default: "100000" },
    tags: { type: "string", default: "5000" },
    loads: { type: "string", default: "5" },
    stored: { type: "string", default: "3" },
    keys: { type: "string", default: "200" },
    clients: { type: "string", default: "20" },
    articles: { type: "string", default: "4" },
    profile: { type: "string" },
  },
});
const CHARS = Number(values.chars);
const TAGS = Number(values.tags);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
const summary = (values: number[]) =>
  `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms (n=${values.length})`;

/** 5,000 tags on whole words: four fifths apart from each other, one fifth overlapping one of those. */
function tagSpans(text: string, count: number, random: () => number): { start: number; end: number }[] {
  const words = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}’',.-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
  const apart = Math.floor(count * 0.8);
  const stride = Math.floor(words.length / apart);
  const spans: { start: number; end: number }[] = [];
  for (let index = 0; index < apart; index++) {
    const first = index * stride;
    const last = Math.min(first + Math.floor(random() * Math.min(3, stride - 1)), words.length - 1);
    spans.push({ start: words[first]!.start, end: words[last]!.end });
  }
  for (let index = 0; spans.length < count; index++) {
    // Starts inside a tag and runs on past its end.
    const base = spans[Math.floor(random() * apart)]!;
    const from = words.findIndex((word) => word.start >= base.start);
    const to = Math.min(from + 2 + Math.floor(random() * 3), words.length - 1);
    spans.push({ start: words[from]!.start, end: words[to]!.end });
  }
  return spans;
}

async function seedArticle(slug: string, authorId: string, seed: number) {
  const random = rng(seed);
  const text = newsText(random, CHARS);
  const { id } = await createArticle(slug, { title: `Bench story ${seed}`, text });
  const stored = (await prisma.article.findUniqueOrThrow({ where: { id }, select: { text: true } })).text;
  const spans = tagSpans(stored, TAGS, random);
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
  return { id, url: `/projects/${slug}/articles/${id}`, length: stored.length };
}

function residentMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** The server's heap after a full collection, through the inspector it announced on its output. */
async function inspect(output: string) {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
  if (!url) throw new Error(`the server announced no inspector:\n${output}`);
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  let next = 0;
  const call = (method: string, params: object = {}) =>
    new Promise<{ result?: { result?: { value?: unknown } } }>((resolve) => {
      const id = ++next;
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { id?: number };
        if (message.id !== id) return;
        socket.off("message", onMessage);
        resolve(message as { result?: { result?: { value?: unknown } } });
      };
      socket.on("message", onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });
  return {
    heapMb: async () => {
      await call("HeapProfiler.collectGarbage");
      const answer = await call("Runtime.evaluate", { expression: "process.memoryUsage().heapUsed", returnByValue: true });
      return Number(answer.result?.result?.value) / 2 ** 20;
    },
    close: () => socket.close(),
  };
}

/** Median of each of the page's marks over some openings, in ms from navigation. */
function medianMarks(openings: Opening[]): string {
  const median = (name: string) =>
    percentile(
      openings.map((opening) => opening.marks[name] ?? NaN),
      50,
    ).toFixed(0);
  return `page ready and connecting ${median("connect")}, both documents synced ${median("synced")}, editor built ${median("editor")}, tag spans known ${median("spans")}`;
}

/** A colleague's keystroke as the editor sends it: a character inserted into one paragraph's text. */
function typeInto(client: TestClient, token: string, random: () => number): void {
  const fragment = contentFragment(client.content.document);
  const paragraph = fragment.get(Math.floor(random() * fragment.length)) as Y.XmlElement;
  const text = paragraph.toArray().find((child): child is Y.XmlText => child instanceof Y.XmlText);
  text?.insert(Math.floor(random() * Math.max(1, text.length)), token);
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
  try {
    await applyMigrations(scratch.url);
    const owner = await createUser({ name: "Bench" });
    const { slug } = await createProjectWith({ owner: [owner] });
    const token = (await createApiToken(owner.id, "bench")).token;
    const article = await seedArticle(slug, owner.id, 1);
    // As a margin-json import leaves an article with tags: its live documents built and stored.
    await seedDocuments(article.id);
    console.log(`machine: ${machine}`);
    console.log(
      `article: ${article.length.toLocaleString("en")} characters, ${TAGS.toLocaleString("en")} tags (${Math.round(TAGS * 0.2).toLocaleString("en")} overlapping another)`,
    );

    server = await startServerProcess({ PORT: String(port), DATABASE_URL: scratch.url });
    const base = `http://127.0.0.1:${port}`;
    const wsUrl = `ws://127.0.0.1:${port}/collab`;

    // Openings in one browser: the article again and again (the first on a server that just started); then,
    // the server warm, articles whose documents are stored but not loaded, and one with tag rows only.
    const stored = [];
    for (let index = 0; index < Number(values.stored); index++) {
      const other = await seedArticle(slug, owner.id, 100 + index);
      await seedDocuments(other.id);
      stored.push(other);
    }
    const fresh = await seedArticle(slug, owner.id, 200);
    const { browser, page } = await openBrowser(base, owner);
    const profile = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      if (!values.profile) return work();
      let result!: T;
      await profilePage(page, path.join(values.profile, name), async () => (result = await work()));
      return result;
    };
    const openings = await measureInteractive(page, article.url, TAGS, Number(values.loads));
    if (values.profile) await profile("reopening", () => measureInteractive(page, article.url, TAGS));
    const storedOpenings = [];
    for (const other of stored) storedOpenings.push(...(await measureInteractive(page, other.url, TAGS)));
    const [firstWarm] = await measureInteractive(page, fresh.url, TAGS);
    const ms = (list: Opening[]) => list.map((opening) => opening.ms);
    console.log(`interactive (editable, ${TAGS} tags highlighted and listed), ms from navigation:`);
    console.log(`  open on the server (a reload, a colleague there): ${summary(ms(openings.slice(1)))}; ${medianMarks(openings.slice(1))}`);
    console.log(`  stored, not loaded: ${summary(ms(storedOpenings))}; ${medianMarks(storedOpenings)}`);
    console.log(
      `  first opening on a server that just started (stored): ${openings[0]!.ms.toFixed(0)} ms; ${medianMarks(openings.slice(0, 1))}`,
    );
    console.log(`  tag rows without live documents (the server builds them first; imports build them): ${firstWarm!.ms.toFixed(0)} ms`);

    // Typing in the middle of the article, with frames drawn at 60 Hz here, then on demand in a second browser.
    // One browser on the article at a time: a colleague's browser would be on another machine, not taking
    // this one's two cores to apply every keystroke.
    await measureInteractive(page, article.url, TAGS);
    const at60Hz = await profile("typing", () => measureTyping(page, Number(values.keys)));
    await page.goto("about:blank");
    const onDemand = await openBrowser(base, owner, { framesOnDemand: true });
    await measureInteractive(onDemand.page, article.url, TAGS);
    const typing = await measureTyping(onDemand.page, Number(values.keys));
    await onDemand.browser.close();
    await measureInteractive(page, article.url, TAGS);
    console.log(`typing, keystroke to paint: ${summary(typing)}; with frames at 60 Hz: ${summary(at60Hz)}`);

    // A colleague types at 10 keystrokes per second.
    const colleague = await connectClient(wsUrl, article.id, token);
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
    await browser.close();
    colleague.destroy();

    // Twenty clients typing at once, each five keystrokes a second.
    const count = Number(values.clients);
    const sent = new Map<string, number>();
    const delays: number[] = [];
    const crowd = await Promise.all(Array.from({ length: count }, () => connectClient(wsUrl, article.id, token)));
    clients.push(...crowd);
    crowd.forEach((client, index) => {
      client.content.document.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin === null) return;
        const received = performance.now();
        for (const struct of Y.decodeUpdate(update).structs) {
          const content = (struct as { content?: { str?: string } }).content;
          for (const match of content?.str?.matchAll(/⟦(\d+\.\d+)⟧/g) ?? []) {
            const at = sent.get(match[1]!);
            if (at !== undefined && !match[1]!.startsWith(`${index}.`)) delays.push(received - at);
          }
        }
      });
    });
    const rounds = 50;
    await Promise.all(
      crowd.map(async (client, index) => {
        await sleep(Math.random() * 200);
        const own = rng(100 + index);
        for (let round = 0; round < rounds; round++) {
          const key = `${index}.${round}`;
          sent.set(key, performance.now());
          typeInto(client, `⟦${key}⟧`, own);
          await sleep(200);
        }
      }),
    );
    await eventually(() => delays.length >= count * rounds * (count - 1), 10_000, "every update to reach every client").catch(() => {});
    const expected = count * rounds * (count - 1);
    console.log(
      `propagation, ${count} clients typing 5 keys/s each: ${summary(delays)}${delays.length < expected ? `, ${expected - delays.length} not received` : ""}`,
    );
    for (const client of crowd) client.destroy();

    // Server memory per open article: a fresh server's heap after garbage collection (through its inspector)
    // with one article open, then with more; and its resident set, which also holds what loading left behind.
    server.child.kill("SIGTERM");
    await exitOf(server.child);
    for (const client of clients.splice(0)) client.destroy();
    server = await startServerProcess({ PORT: String(port), DATABASE_URL: scratch.url }, 60_000, ["--inspect=127.0.0.1:0"]);
    const inspector = await inspect(server.output());
    const more = Number(values.articles);
    const extra = [];
    for (let index = 0; index < more; index++) extra.push(await seedArticle(slug, owner.id, 10 + index));
    clients.push(await connectClient(wsUrl, article.id, token));
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
  } finally {
    for (const client of clients) client.destroy();
    server?.child.kill("SIGTERM");
    await disconnectPrisma();
    await scratch.drop().catch(() => {});
    await databaseServer.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
