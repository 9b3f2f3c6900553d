/**
 * `npm run bench:editor` (after `next build`): the annotation editor at newsroom scale, on the production
 * server with a scratch database, in headless Chromium and with Node clients on loopback. An article of
 * 100,000 characters carrying 5,000 tags (a fifth overlapping another) is used for every figure:
 * - interactive: from navigation to an editable text with every tag highlighted and listed;
 * - typing: keystroke to the next painted frame, typing in the middle of the article;
 * - remote update: a colleague's keystroke applied to the open editor (Yjs → ProseMirror → DOM), and to paint;
 * - propagation: 20 clients typing at once, from one client's change to each other client receiving it;
 * - server memory per open article (resident set growth per article opened).
 * Options: --chars N --tags N --loads N --keys N --clients N --articles N.
 */
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { chromium, type Page } from "@playwright/test";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { utf16ToCodePoint } from "@/lib/annotations/offsets";
import { contentFragment } from "@/lib/collab/model";
import { createScratchDatabase, openDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrations";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { connectClient, eventually, type TestClient } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import { exitOf, startServerProcess } from "@/lib/testing/server-process";
import { newsText, rng } from "./news-text";

const { values } = parseArgs({
  options: {
    chars: { type: "string", default: "100000" },
    tags: { type: "string", default: "5000" },
    loads: { type: "string", default: "5" },
    keys: { type: "string", default: "200" },
    clients: { type: "string", default: "20" },
    articles: { type: "string", default: "4" },
  },
});
const CHARS = Number(values.chars);
const TAGS = Number(values.tags);
const LABELS = ["actor", "claim", "figure", "quote"] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
const summary = (values: number[]) => `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms (n=${values.length})`;

/** 5,000 tags on whole words: four fifths apart from each other, one fifth overlapping one of those. */
function tagSpans(text: string, count: number, random: () => number): { start: number; end: number }[] {
  const words = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}’',.-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
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

/** The page's live Yjs document, through the editor Tiptap leaves on its element. */
const PAGE_HOOKS = () => {
  const state = window as unknown as { margin: { typing: number[]; remote: number[]; remotePaint: number[] } };
  state.margin = { typing: [], remote: [], remotePaint: [] };
  const afterPaint = (done: () => void) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = done;
    channel.port2.postMessage(null);
  });
  window.addEventListener("keydown", (event) => {
    const start = event.timeStamp;
    afterPaint(() => state.margin.typing.push(performance.now() - start));
  }, true);
  const watch = () => {
    const element = document.querySelector("[data-testid=article-text]") as (Element & { editor?: { state: { plugins: { spec: { key?: { key: string } }; getState(state: unknown): unknown }[] } } }) | null;
    const editorState = element?.editor?.state;
    const plugin = editorState?.plugins.find((candidate) => candidate.spec.key?.key.startsWith("y-sync"));
    const binding = plugin && (plugin.getState(editorState) as { binding?: { doc: { on(event: string, listener: (transaction: { local: boolean }) => void): void } } }).binding;
    if (!binding) return void setTimeout(watch, 50);
    let started = 0;
    binding.doc.on("beforeTransaction", (transaction) => {
      if (!transaction.local) started = performance.now();
    });
    binding.doc.on("afterTransaction", (transaction) => {
      if (transaction.local || !started) return;
      const from = started;
      state.margin.remote.push(performance.now() - from);
      afterPaint(() => state.margin.remotePaint.push(performance.now() - from));
    });
  };
  watch();
};

async function measureInteractive(page: Page, url: string, loads: number): Promise<number[]> {
  const times: number[] = [];
  for (let load = 0; load < loads; load++) {
    await page.goto(url, { waitUntil: "commit" });
    const ready = await page.waitForFunction(
      (total) => {
        const editor = document.querySelector("[data-testid=article-text]");
        if (editor?.getAttribute("contenteditable") !== "true") return false;
        const counted = ["actor", "claim", "figure", "quote"].reduce((sum, label) => sum + Number(document.querySelector(`[data-testid=count-${label}]`)?.textContent ?? 0), 0);
        const styled = [...document.querySelectorAll("style")].some((style) => style.textContent?.includes(".tag-"));
        return counted === total && styled ? performance.now() : false;
      },
      TAGS,
      { polling: "raf", timeout: 60_000 },
    );
    times.push(Number(await ready.jsonValue()));
    phases.push(await page.evaluate(() => Object.fromEntries(performance.getEntriesByType("mark").filter((mark) => mark.name.startsWith("margin:")).map((mark) => [mark.name.slice(7), mark.startTime]))));
  }
  return times;
}

/** Where the time of each opening went: the page's own marks (components/editor), from navigation. */
const phases: Record<string, number>[] = [];

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
    console.log(`machine: ${machine}`);
    console.log(`article: ${article.length.toLocaleString("en")} characters, ${TAGS.toLocaleString("en")} tags (${Math.round(TAGS * 0.2).toLocaleString("en")} overlapping another)`);

    server = await startServerProcess({ PORT: String(port), DATABASE_URL: scratch.url });
    const base = `http://127.0.0.1:${port}`;
    const wsUrl = `ws://127.0.0.1:${port}/collab`;

    // The browser: sign in, then open the article again and again.
    const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) => fs.existsSync(candidate));
    const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
    const page = await (await browser.newContext({ baseURL: base, viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Password").fill(owner.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/projects");
    // tsx names functions with a helper the page lacks.
    await page.addInitScript({ content: "window.__name = (target) => target;" });
    await page.addInitScript(PAGE_HOOKS);
    page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
    const interactive = await measureInteractive(page, article.url, Number(values.loads));
    console.log(`interactive (editable, ${TAGS} tags highlighted and listed): first opening ${interactive[0]!.toFixed(0)} ms (the server builds the live documents from PostgreSQL's rows), then ${summary(interactive.slice(1))}`);
    const median = (name: string) => percentile(phases.slice(1).map((marks) => marks[name] ?? NaN), 50).toFixed(0);
    console.log(`  reopening, median ms from navigation: page ready and connecting ${median("connect")}, both documents synced ${median("synced")}, editor built ${median("editor")}, tag spans known ${median("spans")}`);

    // Typing in the middle of the article.
    await page.evaluate(() => {
      const element = document.querySelector("[data-testid=article-text]") as Element & { editor: { state: { doc: { content: { size: number } } }; commands: { setTextSelection(pos: number): void; focus(): void } } };
      const middle = Math.floor(element.editor.state.doc.content.size / 2);
      element.editor.commands.setTextSelection(middle);
      element.editor.commands.focus();
    });
    await page.evaluate(() => ((window as unknown as { margin: { typing: number[] } }).margin.typing = []));
    const keys = Number(values.keys);
    const sentence = "the council said 1,219 residents “waited” — again ".repeat(Math.ceil(keys / 50)).slice(0, keys);
    await page.keyboard.type(sentence, { delay: 50 });
    await sleep(300);
    const typing = await page.evaluate(() => (window as unknown as { margin: { typing: number[] } }).margin.typing);
    console.log(`typing, keystroke to paint: ${summary(typing)}`);

    // A colleague types at 10 keystrokes per second.
    const colleague = await connectClient(wsUrl, article.id, token);
    clients.push(colleague);
    const random = rng(7);
    await page.evaluate(() => {
      const margin = (window as unknown as { margin: { remote: number[]; remotePaint: number[] } }).margin;
      margin.remote = [];
      margin.remotePaint = [];
    });
    for (let key = 0; key < 150; key++) {
      typeInto(colleague, "x", random);
      await sleep(100);
    }
    await sleep(500);
    const remote = await page.evaluate(() => (window as unknown as { margin: { remote: number[]; remotePaint: number[] } }).margin);
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
    console.log(`propagation, ${count} clients typing 5 keys/s each: ${summary(delays)}${delays.length < expected ? `, ${expected - delays.length} not received` : ""}`);
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
    console.log(`server memory per open article: ${perArticle("heap")} MB of heap after collection (${before.heap.toFixed(0)} → ${after.heap.toFixed(0)} MB with ${more} more open), ${perArticle("resident")} MB resident (${before.resident.toFixed(0)} → ${after.resident.toFixed(0)} MB)`);
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
