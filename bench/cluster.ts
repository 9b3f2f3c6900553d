/**
 * `npm run bench:cluster` (after `next build`): one instance against three on this machine, in the same run.
 * Each configuration gets a fresh scratch database (same embedded PostgreSQL server) and its own production
 * processes behind lib/testing/cluster.ts's non-sticky round-robin proxy, so that neither inherits the
 * other's rows, owners or warm caches. In each: 20 articles of news text (~3,000 characters), 60 clients
 * (3 per article, three editors) connected through the proxy as the editor connects (`/collab?article=<id>`,
 * the editor's reconnection delays unless --fast-retry), in an order that puts an article's three clients on
 * three different instances and spreads the articles' owners over the instances. Then:
 * - propagation: every client types a unique word (`[c12w34]`) every ~200 ms (±50 % jitter) between two
 *   words of a random paragraph, written to Yjs as the editor's typing-sync writes a keystroke, and tags
 *   every 10th word over the socket as the editor does (marks it, then TagClient); for the words typed in
 *   the --seconds window (after a 2 s warm-up), the time from the typing to the word's arrival in each other
 *   client of the article (their Y.Doc updates, decoded; one process, one clock): p50/p95/max;
 * - API tag writes: typing paused, a burst of POST /api/articles/<id>/annotations (200 tags of distinct
 *   words over the 20 articles, 8 at a time, a new connection each, so round-robin): tags/s, p50/p95;
 * - failover (3 instances): typing resumed, SIGKILL of the instance owning the most articles (owners read
 *   from article_owners, checked against each instance's own /api/health); per article, the time from the
 *   kill until each of its clients has had a word typed after the kill acknowledged by the server (its
 *   provider back to no unsynced changes, or the word arrived at a colleague: the owner appends before it
 *   applies); the killed instance is started again and the next round kills the instance owning the most
 *   then. Articles the killed instance owned are the goal's figure; the others' clients whose sockets were
 *   forwarded through it reconnect too and are shown apart. Each round also prints the three slowest
 *   clients' socket events (ms after the kill) and, for articles not editing again within 30 s, the owner
 *   row and which database session holds the article's advisory lock;
 * - lost writes: typing stopped, every word a client saw acknowledged and every tag answered ok (socket or
 *   API) is looked for in the live documents (a fresh client per article), then, after SIGTERM of every
 *   instance (each stores what it holds), in PostgreSQL's projection (articles.text, annotation rows with
 *   their offsets). Any lost one fails the run (exit code 1).
 * Also printed, to read the figures by: CPU of each server, of the database's backends and of this process
 * over the propagation window, the machine's load, this process's event-loop delay, why clients' sockets
 * closed, and why socket tags were refused. Each server's whole output goes to --logs.
 * Goals (the issue): propagation p95 with three instances within 2× of one instance and under 50 ms;
 * failover p95 under 3 s; nothing acknowledged lost.
 * Options: --seconds N (20) --articles N (20) --per-article N (3) --interval-ms N (200) --tag-every N (10)
 * --chars N (3000) --api-tags N (200) --api-concurrency N (8) --rounds N (3) --instances 1,3
 * --fast-retry (clients reconnect after 50 ms as lib/testing/collab.ts's do, not the editor's 0.1 to 1 s)
 * --by-article (an article's later clients connect straight to its owner, as behind deploy/haproxy.cfg;
 * measures propagation without the hop between instances; with --rounds 0)
 * --soak (each round stops a random instance, owner or not, with SIGKILL or SIGTERM at random: with many
 * --rounds, a soak of the cluster's failure handling; lost writes are checked at the end as always)
 * --logs <dir> (where the servers' output is written; a new folder under the system's temporary one).
 * The database: the test profile's embedded PostgreSQL (MARGIN_DATA_DIR and MARGIN_PG_PORT move it), or
 * DATABASE_URL's server.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { documentName } from "@/lib/collab/names";
import { createScratchDatabase, openDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrations";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { TagClient, type TagAnswer } from "@/lib/tags/client/tag-client";
import { contentFragment, markSpan, ownState, projectContent, readTags } from "@/lib/tags/documents";
import { startCluster, request, type Cluster } from "@/lib/testing/cluster";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import type { ServerProcess } from "@/lib/testing/server-process";
import type { Label } from "@/lib/vocabulary";
import { eventually } from "@/lib/testing/collab";
import { cpuMeter } from "./cluster-cpu";
import { newsText, rng } from "./news-text";
import { percentile, sleep } from "./stats";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    articles: { type: "string", default: "20" },
    "per-article": { type: "string", default: "3" },
    "interval-ms": { type: "string", default: "200" },
    "tag-every": { type: "string", default: "10" },
    chars: { type: "string", default: "3000" },
    "api-tags": { type: "string", default: "200" },
    "api-concurrency": { type: "string", default: "8" },
    rounds: { type: "string", default: "3" },
    instances: { type: "string", default: "1,3" },
    "fast-retry": { type: "boolean", default: false },
    // Soak: any instance, chosen at random each round, gets SIGKILL or SIGTERM (a crash or a deploy).
    soak: { type: "boolean", default: false },
    // As behind deploy/haproxy.cfg (hashing on the article): an article's later clients connect straight to
    // its owner, with no hop between instances. Their reconnections go there too: use with --rounds 0.
    "by-article": { type: "boolean", default: false },
    logs: { type: "string" },
  },
});
const SECONDS = Number(values.seconds);
const ARTICLES = Number(values.articles);
const PER_ARTICLE = Number(values["per-article"]);
const INTERVAL_MS = Number(values["interval-ms"]);
const TAG_EVERY = Number(values["tag-every"]);
const WARM_UP_MS = 2000;
/** The longest a client may take to be editing again after a kill before it counts as not recovered. */
const RECOVERY_TIMEOUT_MS = 30_000;

type Stats = { p50: number; p95: number; max: number; n: number };
const stats = (list: number[]): Stats => ({ p50: percentile(list, 50), p95: percentile(list, 95), max: Math.max(...list), n: list.length });
const ms = (value: number, digits = 1) => (Number.isFinite(value) ? `${value.toFixed(digits)} ms` : "–");
const describe = (figures: Stats | null, digits = 1) =>
  figures && figures.n
    ? `p50 ${ms(figures.p50, digits)}, p95 ${ms(figures.p95, digits)}, max ${ms(figures.max, digits)} (n=${figures.n})`
    : "–";

/** ws emits an error for a socket closed while still connecting that nobody listens for any more (lib/testing/collab.ts). */
class QuietWebSocket extends WebSocket {
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols);
    this.on("error", () => {});
  }
}

/**
 * An article's two documents on one socket, as the editor opens them (components/editor/use-article-documents.ts:
 * the article named in the address, its reconnection delays: 0.1 to 1 s, then growing), or with
 * lib/testing/collab.ts's quick retries (--fast-retry).
 */
async function connect(url: string, articleId: string, token: string) {
  const socket = new HocuspocusProviderWebsocket({
    url: `${url}?article=${encodeURIComponent(articleId)}`,
    WebSocketPolyfill: QuietWebSocket,
    ...(values["fast-retry"] ? { delay: 50, minDelay: 50, maxDelay: 500 } : { minDelay: 100 }),
  });
  const content = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentName(articleId, "content"),
    token,
    document: new Y.Doc(),
  });
  const tags = new HocuspocusProvider({ websocketProvider: socket, name: documentName(articleId, "tags"), token, document: new Y.Doc() });
  content.attach();
  tags.attach();
  const destroy = () => {
    content.destroy();
    tags.destroy();
    socket.destroy();
  };
  try {
    await Promise.all(
      [content, tags].map(
        (provider) =>
          new Promise<void>((resolve, reject) => {
            if (provider.isSynced) return resolve();
            provider.on("synced", () => resolve());
            provider.on("authenticationFailed", ({ reason }: { reason: string }) => reject(new Error(`authentication failed: ${reason}`)));
            setTimeout(() => reject(new Error(`no sync of ${articleId} in 30 s`)), 30_000);
          }),
      ),
    );
  } catch (error) {
    destroy();
    throw error;
  }
  return { socket, content, tags, destroy };
}
type Connection = Awaited<ReturnType<typeof connect>>;

type SentTag = { id: string; word: string; answer: TagAnswer | null; stage: string };
type Typist = {
  index: number;
  name: string;
  articleId: string;
  connection: Connection;
  tagger: TagClient;
  typed: string[];
  /** How many of `typed` the server has acknowledged (the provider had no unsynced change left after them). */
  acked: number;
  tags: SentTag[];
  /**
   * While a failover round watches: the words typed before the kill; when one typed after it was acknowledged
   * (the provider had nothing unsynced left) or reached a colleague (the owner applied it: it appends before
   * it applies); and when this client's socket closed and its documents were synced again.
   */
  watch: {
    from: number;
    at: number;
    recoveredAt: number | null;
    closedAt: number | null;
    resyncedAt: number | null;
    /** What happened to its socket, in ms since the kill. */
    events: string[];
  } | null;
  /** Words of colleagues this client received (each counted once). */
  seen: Set<string>;
  random: () => number;
};

/** Inserts `word` and a space at the start of a word of a random paragraph, as one Yjs text insertion. */
function typeWord(doc: Y.Doc, word: string, random: () => number): boolean {
  const fragment = contentFragment(doc);
  for (let attempt = 0; attempt < 10; attempt++) {
    const paragraph = fragment.get(Math.floor(random() * fragment.length));
    if (!(paragraph instanceof Y.XmlElement)) continue;
    const text = paragraph.toArray().find((child): child is Y.XmlText => child instanceof Y.XmlText);
    if (!text) continue;
    const plain = (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "\u0000")).join("");
    // After a space, before a word: the space carries no tag (every tag here is on one word), so the word
    // takes no mark, as the editor's typing-sync writes a keystroke that moves no tag edge.
    const starts = [...plain.matchAll(/ (?=[^\s[])/g)].map((match) => match.index + 1);
    if (!starts.length) continue;
    text.insert(starts[Math.floor(random() * starts.length)]!, `${word} `);
    return true;
  }
  return false;
}

type Phase = {
  instances: number;
  propagation: Stats | null;
  deliveries: { received: number; expected: number };
  words: { typed: number; acked: number };
  socketTags: { ok: number; failed: number; reasons: Map<string, number> };
  api: { ok: number; failed: number; perSecond: number; latency: Stats | null; statuses: Map<number, number> };
  failover: { rounds: string[]; owned: number[]; others: number[]; unrecovered: number } | null;
  lost: { liveWords: number; liveTags: number; storedWords: number; storedTags: number; duplicated: number; misplaced: number };
  ownersAtStart: string;
  serverNotes: string[];
  cpu: string;
  benchLoop: string;
  closes: Map<string, number>;
};

/** Ports of the instances → their index (an owner's address is http://127.0.0.1:<port>). */
function instanceOf(cluster: Cluster, address: string): number {
  const port = Number(new URL(address).port);
  return cluster.instances.findIndex((instance) => instance.port === port);
}

async function owners(cluster: Cluster, articleIds: string[]): Promise<Map<string, number>> {
  const rows = await prisma.articleOwner.findMany({ where: { articleId: { in: articleIds } }, select: { articleId: true, address: true } });
  return new Map(rows.map((row) => [row.articleId, instanceOf(cluster, row.address)]));
}

async function healthCounts(cluster: Cluster): Promise<(number | null)[]> {
  return Promise.all(
    cluster.instances.map(async (instance) => {
      if (!instance.process) return null;
      const answer = await request(instance.port, "/api/health").catch(() => null);
      return (answer?.body as { articles?: number } | null)?.articles ?? null;
    }),
  );
}

/** Each live instance's id (the health check's `instance`) → its index. */
async function instanceIds(cluster: Cluster): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const instance of cluster.instances) {
    if (!instance.process) continue;
    const answer = await request(instance.port, "/api/health").catch(() => null);
    const id = (answer?.body as { instance?: string } | null)?.instance;
    if (id) ids.set(id, instance.index);
  }
  return ids;
}

/**
 * For articles whose clients are not editing again: the owner row (address, instance, epoch) and which
 * database session holds the article's advisory lock (lib/collab/mutations.ts), read from pg_locks.
 */
async function lockReport(cluster: Cluster, articleIds: string[]): Promise<string[]> {
  const ids = await instanceIds(cluster);
  const name = (instanceId: string | null) => {
    if (!instanceId) return "nobody";
    const index = ids.get(instanceId.replace(/^margin:/, ""));
    return index === undefined ? `${instanceId.slice(0, 15)}… (no live instance)` : `instance ${index}`;
  };
  const rows = await prisma.$queryRaw<
    { article_id: string; address: string; instance_id: string; epoch: bigint; holder: string | null; pid: number | null }[]
  >`
    SELECT o.article_id, o.address, o.instance_id, o.epoch, a.application_name AS holder, l.pid
    FROM article_owners o
    LEFT JOIN pg_locks l ON l.locktype = 'advisory' AND l.granted
      AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended('margin:article:' || o.article_id, 0)
    LEFT JOIN pg_stat_activity a ON a.pid = l.pid
    WHERE o.article_id = ANY(${articleIds})`;
  return rows.map(
    (row) =>
      `${row.article_id}: owner row ${row.address} (${name(row.instance_id)}, epoch ${row.epoch}); lock held by ${row.pid === null ? "nobody" : `pid ${row.pid}, ${name(row.holder)}`}`,
  );
}

async function runPhase(serverUrl: string, count: number, logDir: string): Promise<Phase> {
  const scratch = await createScratchDatabase(serverUrl, `margin_bench_cluster${count}`);
  process.env.DATABASE_URL = scratch.url;
  const processes: { name: string; server: ServerProcess }[] = [];
  let cluster: Cluster | undefined;
  const typists: Typist[] = [];
  const extra: Connection[] = [];
  try {
    await applyMigrations(scratch.url);
    const editors = await Promise.all(Array.from({ length: PER_ARTICLE }, (_, index) => createUser({ name: `Editor ${index + 1}` })));
    const apiUser = await createUser({ name: "Script" });
    const owner = await createUser({ name: "Owner" });
    const { slug } = await createProjectWith({ owner: [owner], editor: [...editors, apiUser] });
    const tokens = await Promise.all(editors.map(async (editor) => (await createApiToken(editor.id, "bench")).token));
    const apiToken = (await createApiToken(apiUser.id, "bench")).token;
    const random = rng(4242);
    const articleIds: string[] = [];
    for (let index = 0; index < ARTICLES; index++)
      articleIds.push((await createArticle(slug, { title: `Cluster story ${index}`, text: newsText(random, Number(values.chars)) })).id);

    const started = performance.now();
    cluster = await startCluster(count, scratch.url);
    const record = () =>
      cluster!.instances.forEach((instance, index) => {
        if (instance.process && !processes.some((entry) => entry.server === instance.process))
          processes.push({
            name: `instance${index}-start${processes.filter((entry) => entry.name.startsWith(`instance${index}-`)).length + 1}`,
            server: instance.process,
          });
      });
    record();
    console.log(
      `[${count}] ${count} instance(s) started in ${((performance.now() - started) / 1000).toFixed(1)} s; proxy on ${cluster.port}`,
    );
    const url = `ws://127.0.0.1:${cluster.port}/collab`;

    // Connected in rounds, one client of every article per round: the proxy's next instance goes round the
    // articles, so the first client of article a (which makes its instance the owner) lands on instance
    // a mod N, and the article's next clients on the other instances (20 articles: a shift of 2 per round).
    /** Each word typed: when, whether in the propagation window, by which client, and its place in their words. */
    const sent = new Map<string, { at: number; inWindow: boolean; typist: number; sequence: number }>();
    let windowOpen = false;
    /** What the benchmark is doing, for the socket closes' counts. */
    let stage = "connecting";
    /** Why clients' sockets closed (code and reason), counted. */
    const closes = new Map<string, number>();
    const delays: number[] = [];
    for (let round = 0; round < PER_ARTICLE; round++) {
      for (const [articleIndex, articleId] of articleIds.entries()) {
        const index = round * ARTICLES + articleIndex;
        const owner = values["by-article"] && round > 0 ? await prisma.articleOwner.findUnique({ where: { articleId } }) : null;
        const connection = await connect(owner ? `${owner.address.replace(/^http/, "ws")}/collab` : url, articleId, tokens[round]!);
        const typist: Typist = {
          index,
          name: `c${index}`,
          articleId,
          connection,
          tagger: new TagClient(connection.tags, 60_000),
          typed: [],
          acked: 0,
          tags: [],
          watch: null,
          seen: new Set(),
          random: rng(1000 + index),
        };
        connection.socket.on("close", ({ event }: { event: { code: number; reason: string } }) => {
          const key = `${event.code} ${event.reason || "(no reason)"} (${stage})`;
          closes.set(key, (closes.get(key) ?? 0) + 1);
          if (typist.watch && typist.watch.closedAt === null) typist.watch.closedAt = performance.now();
          typist.watch?.events.push(
            `+${Math.round(performance.now() - typist.watch.at)} closed ${event.code}${event.reason ? ` ${event.reason}` : ""}`,
          );
        });
        connection.socket.on("status", ({ status }: { status: string }) =>
          typist.watch?.events.push(`+${Math.round(performance.now() - typist.watch.at)} ${status}`),
        );
        connection.content.on("synced", () => {
          if (typist.watch && typist.watch.closedAt !== null && typist.watch.resyncedAt === null) {
            typist.watch.resyncedAt = performance.now();
            typist.watch.events.push(`+${Math.round(typist.watch.resyncedAt - typist.watch.at)} synced`);
          }
        });
        connection.content.on("unsyncedChanges", ({ number }: { number: number }) => {
          if (number !== 0) return;
          typist.acked = typist.typed.length;
          if (typist.watch && typist.watch.recoveredAt === null && typist.typed.length > typist.watch.from)
            typist.watch.recoveredAt = performance.now();
        });
        connection.content.document.on("update", (update: Uint8Array, origin: unknown) => {
          if (origin === null) return;
          const received = performance.now();
          for (const struct of Y.decodeUpdate(update).structs) {
            const str = (struct as { content?: { str?: string } }).content?.str;
            if (!str) continue;
            for (const match of str.matchAll(/\[(c(\d+)w\d+)\]/g)) {
              const key = match[1]!;
              if (Number(match[2]) === typist.index || typist.seen.has(key)) continue;
              typist.seen.add(key);
              const word = sent.get(key);
              if (word?.inWindow) delays.push(received - word.at);
              const sender = word && typists[word.typist];
              if (sender?.watch && sender.watch.recoveredAt === null && word!.sequence >= sender.watch.from)
                sender.watch.recoveredAt = received;
            }
          }
        });
        typists.push(typist);
      }
    }
    const ownerMap = await owners(cluster, articleIds);
    const perInstance = cluster.instances.map((_, index) => [...ownerMap.values()].filter((owner) => owner === index).length);
    const ownersAtStart = `articles owned per instance: ${perInstance.join("/")} (health: ${(await healthCounts(cluster)).join("/")})`;
    console.log(`[${count}] ${typists.length} clients connected on ${ARTICLES} articles; ${ownersAtStart}`);

    // Everyone types until told to stop; `paused` holds them (the API burst needs the texts still).
    let typing = true;
    let paused = false;
    const labels: Label[] = ["actor", "quote"];
    const loops = typists.map(async (typist) => {
      await sleep(typist.random() * INTERVAL_MS);
      for (let n = 1; typing; n++) {
        await sleep(INTERVAL_MS * (0.5 + typist.random()));
        if (!typing) break;
        if (paused) {
          n--;
          continue;
        }
        const word = `[${typist.name}w${n}]`;
        const doc = typist.connection.content.document;
        const at = performance.now();
        if (!typeWord(doc, word, typist.random)) continue;
        sent.set(`${typist.name}w${n}`, { at, inWindow: windowOpen, typist: typist.index, sequence: typist.typed.length });
        typist.typed.push(word);
        if (n % TAG_EVERY === 0) {
          // As the editor tags: the mark first, then the request on the socket that carried it.
          const projection = projectContent(doc);
          const start = projection.text.indexOf(word);
          const id = randomUUID();
          if (start >= 0 && markSpan(doc, id, { start, end: start + word.length })) {
            const tag: SentTag = { id, word, answer: null, stage };
            typist.tags.push(tag);
            void typist.tagger
              .send({ op: "create", id, label: labels[(n / TAG_EVERY) % 2]!, markedAt: ownState(doc) })
              .then((answer) => (tag.answer = answer));
          }
        }
      }
    });

    stage = "warm-up";
    await sleep(WARM_UP_MS);
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const meter = cpuMeter(cluster, new URL(scratch.url).pathname.slice(1));
    windowOpen = true;
    stage = "propagation window";
    await sleep(SECONDS * 1000);
    windowOpen = false;
    loopDelay.disable();
    const cpu = meter();
    const benchLoop = `this benchmark's event loop delay p50 ${ms(loopDelay.percentile(50) / 1e6)}, p99 ${ms(loopDelay.percentile(99) / 1e6)}, max ${ms(loopDelay.max / 1e6)}`;
    console.log(`[${count}] ${cpu}; ${benchLoop}`);
    const windowWords = [...sent.values()].filter((word) => word.inWindow).length;
    const expected = windowWords * (PER_ARTICLE - 1);
    await eventually(() => delays.length >= expected, 10_000, "every word in every colleague").catch(() => {});
    const propagation = delays.length ? stats(delays) : null;
    console.log(`[${count}] propagation, ${typists.length} clients, ${windowWords} words in ${SECONDS} s: ${describe(propagation)}`);

    // API tag writes: typing held and every client acknowledged, so that the offsets stay true.
    paused = true;
    stage = "API burst";
    await sleep(INTERVAL_MS * 2);
    await eventually(() => typists.every((typist) => !typist.connection.content.hasUnsyncedChanges), 30_000, "typing acknowledged");
    const texts = new Map<string, string>();
    for (const articleId of articleIds) {
      const mine = typists.filter((typist) => typist.articleId === articleId);
      await eventually(
        () => new Set(mine.map((typist) => projectContent(typist.connection.content.document).text)).size === 1,
        15_000,
        `the clients of ${articleId} to converge`,
      );
      texts.set(articleId, projectContent(mine[0]!.connection.content.document).text);
    }
    const apiTotal = Number(values["api-tags"]);
    const perArticleTags = Math.ceil(apiTotal / ARTICLES);
    const choices = new Map(
      articleIds.map((articleId) => {
        const text = texts.get(articleId)!;
        // Distinct words of the article's own text (typed words are [c…w…], never five letters in a row).
        const words = [...text.matchAll(/\p{L}{5,}/gu)];
        const stride = Math.max(1, Math.floor(words.length / perArticleTags));
        return [
          articleId,
          Array.from({ length: perArticleTags }, (_, k) => {
            const match = words[(k * stride) % words.length]!;
            const start = [...text.slice(0, match.index)].length;
            return { start, end: start + [...match[0]].length, word: match[0] };
          }),
        ];
      }),
    );
    const jobs = Array.from({ length: apiTotal }, (_, j) => ({
      articleId: articleIds[j % ARTICLES]!,
      ...choices.get(articleIds[j % ARTICLES]!)![Math.floor(j / ARTICLES)]!,
    }));
    const apiLatencies: number[] = [];
    const statuses = new Map<number, number>();
    const apiTags: { id: string; articleId: string; word: string }[] = [];
    let nextJob = 0;
    const burstStarted = performance.now();
    await Promise.all(
      Array.from({ length: Number(values["api-concurrency"]) }, async () => {
        while (nextJob < jobs.length) {
          const job = jobs[nextJob++]!;
          const at = performance.now();
          const answer = await request(cluster!.port, `/api/articles/${job.articleId}/annotations`, {
            token: apiToken,
            body: { label: "actor", start: job.start, end: job.end },
          }).catch((error: Error) => ({ status: 0, body: error.message }));
          apiLatencies.push(performance.now() - at);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          if (answer.status === 201) {
            const annotation = (answer.body as { annotation: { id: string; text: string } }).annotation;
            if (annotation.text !== job.word)
              console.warn(`[${count}] API tag ${annotation.id} on "${annotation.text}", asked "${job.word}"`);
            apiTags.push({ id: annotation.id, articleId: job.articleId, word: job.word });
          }
        }
      }),
    );
    const burstSeconds = (performance.now() - burstStarted) / 1000;
    const api = {
      ok: apiTags.length,
      failed: jobs.length - apiTags.length,
      perSecond: apiTags.length / burstSeconds,
      latency: apiLatencies.length ? stats(apiLatencies) : null,
      statuses,
    };
    console.log(
      `[${count}] API tag writes: ${api.ok}/${jobs.length} created in ${burstSeconds.toFixed(2)} s: ${api.perSecond.toFixed(1)}/s; latency ${describe(api.latency, 0)}; statuses ${[...statuses].map(([status, n]) => `${status}×${n}`).join(", ")}`,
    );
    paused = false;
    stage = "typing";

    // Failover: SIGKILL of the instance owning the most articles, while everyone types.
    let failover: Phase["failover"] = null;
    if (count > 1 && Number(values.rounds) > 0) {
      failover = { rounds: [], owned: [], others: [], unrecovered: 0 };
      await sleep(2000);
      for (let round = 0; round < Number(values.rounds); round++) {
        const before = await owners(cluster, articleIds);
        const perOwner = cluster.instances.map((_, index) => [...before.values()].filter((owner) => owner === index).length);
        const victim = values.soak ? Math.floor(random() * cluster.instances.length) : perOwner.indexOf(Math.max(...perOwner));
        const signal = values.soak && random() < 0.5 ? "SIGTERM" : "SIGKILL";
        const owned = new Set(articleIds.filter((articleId) => before.get(articleId) === victim));
        const health = await healthCounts(cluster);
        stage = `failover round ${round + 1}`;
        const killedAt = performance.now();
        for (const typist of typists)
          typist.watch = { from: typist.typed.length, at: killedAt, recoveredAt: null, closedAt: null, resyncedAt: null, events: [] };
        await cluster.signal(victim, signal);
        await eventually(
          () => typists.every((typist) => typist.watch!.recoveredAt !== null),
          RECOVERY_TIMEOUT_MS,
          "every client editing again",
        ).catch(() => {});
        // The slowest clients' story: how their sockets went.
        const slowest = [...typists]
          .sort((a, b) => (b.watch!.recoveredAt ?? Infinity) - (a.watch!.recoveredAt ?? Infinity))
          .slice(0, 3)
          .map(
            (typist) =>
              `  ${typist.name} (${owned.has(typist.articleId) ? "article owned by the killed instance" : "another article"}): ${typist.watch!.events.join(", ")}, ${typist.watch!.recoveredAt === null ? "not editing again" : `editing again +${Math.round(typist.watch!.recoveredAt - killedAt)}`}`,
          );
        const times = new Map<string, number>();
        let unrecovered = 0;
        const resynced: number[] = [];
        let notResynced = 0;
        for (const typist of typists) {
          const { closedAt, resyncedAt } = typist.watch!;
          if (closedAt !== null && resyncedAt !== null) resynced.push(resyncedAt - killedAt);
          else if (closedAt !== null) notResynced++;
          const at = typist.watch!.recoveredAt;
          if (at === null) unrecovered++;
          const time = at === null ? Infinity : at - killedAt;
          times.set(typist.articleId, Math.max(times.get(typist.articleId) ?? 0, time));
          typist.watch = null;
        }
        const ownedTimes = [...times].filter(([articleId]) => owned.has(articleId)).map(([, time]) => time);
        const otherTimes = [...times].filter(([articleId]) => !owned.has(articleId)).map(([, time]) => time);
        failover.owned.push(...ownedTimes.filter(Number.isFinite));
        failover.others.push(...otherTimes.filter(Number.isFinite));
        failover.unrecovered += unrecovered;
        const after = await owners(cluster, articleIds);
        const line = `round ${round + 1}: ${signal === "SIGKILL" ? "killed" : "stopped (SIGTERM)"} instance ${victim} (owned ${owned.size}; health said ${health.join("/")}): its articles editing again ${describe(stats(ownedTimes.filter(Number.isFinite)), 0)}; other articles ${describe(stats(otherTimes.filter(Number.isFinite)), 0)}; clients whose socket closed, synced again ${describe(stats(resynced), 0)}${notResynced ? ` (${notResynced} not)` : ""}${unrecovered ? `; ${unrecovered} client(s) not editing again within ${RECOVERY_TIMEOUT_MS / 1000} s` : ""}; owners now ${cluster.instances.map((_, index) => [...after.values()].filter((owner) => owner === index).length).join("/")}`;
        failover.rounds.push(line, ...slowest);
        for (const entry of slowest) console.log(`[${count}] ${entry}`);
        const stuck = [...times].filter(([, time]) => !Number.isFinite(time)).map(([articleId]) => articleId);
        if (stuck.length) {
          const report = await lockReport(cluster, stuck);
          failover.rounds.push(...report.map((entry) => `  not editing again: ${entry}`));
          for (const entry of report) console.log(`[${count}]   not editing again: ${entry}`);
        }
        console.log(`[${count}] failover ${line}`);
        stage = `restart of instance ${victim}`;
        const restarting = performance.now();
        await cluster.start(victim);
        record();
        console.log(`[${count}] instance ${victim} started again in ${((performance.now() - restarting) / 1000).toFixed(1)} s`);
        await sleep(2000);
      }
    }

    // The end: typing stops; what was acknowledged must be everywhere.
    typing = false;
    stage = "end";
    await Promise.all(loops);
    await eventually(
      () => typists.every((typist) => !typist.connection.content.hasUnsyncedChanges),
      60_000,
      "the last words acknowledged",
    ).catch((error: Error) => console.warn(`[${count}] ${error.message}`));
    await eventually(() => typists.every((typist) => typist.tags.every((tag) => tag.answer !== null)), 70_000, "every tag answered").catch(
      (error: Error) => console.warn(`[${count}] ${error.message}`),
    );
    const socketTags = { ok: 0, failed: 0, reasons: new Map<string, number>() };
    for (const tag of typists.flatMap((typist) => typist.tags)) {
      if (tag.answer?.ok) socketTags.ok++;
      else {
        socketTags.failed++;
        const reason = `${(tag.answer?.error ?? "unanswered").replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "<id>")} (${tag.stage})`;
        socketTags.reasons.set(reason, (socketTags.reasons.get(reason) ?? 0) + 1);
      }
    }
    if (socketTags.failed)
      console.log(
        `[${count}] tags over the socket not ok: ${[...socketTags.reasons].map(([reason, n]) => `"${reason}" ×${n}`).join("; ")}`,
      );
    const words = {
      typed: typists.reduce((sum, typist) => sum + typist.typed.length, 0),
      acked: typists.reduce((sum, typist) => sum + typist.acked, 0),
    };
    console.log(
      `[${count}] ${words.typed} words typed (${words.acked} acknowledged), ${socketTags.ok + socketTags.failed} tags over the socket (${socketTags.ok} ok)`,
    );

    // Live: a fresh client per article reads both documents.
    const lost = { liveWords: 0, liveTags: 0, storedWords: 0, storedTags: 0, duplicated: 0, misplaced: 0 };
    const lostExamples: string[] = [];
    for (const articleId of articleIds) {
      const fresh = await connect(url, articleId, tokens[0]!);
      extra.push(fresh);
      const projection = projectContent(fresh.content.document);
      const tags = readTags(fresh.tags.document);
      for (const typist of typists.filter((typist) => typist.articleId === articleId)) {
        for (const word of typist.typed.slice(0, typist.acked)) {
          const times = projection.text.split(word).length - 1;
          if (times === 0) {
            lost.liveWords++;
            lostExamples.push(`live: word ${word} of ${articleId}`);
          }
        }
        for (const tag of typist.tags.filter((tag) => tag.answer?.ok)) {
          const span = projection.spans.get(tag.id);
          if (!tags.has(tag.id) || !span) {
            lost.liveTags++;
            lostExamples.push(`live: tag ${tag.id} on ${tag.word} of ${articleId}${tags.has(tag.id) ? " (record, no mark)" : ""}`);
          }
        }
      }
      for (const tag of apiTags.filter((tag) => tag.articleId === articleId))
        if (!tags.has(tag.id)) {
          lost.liveTags++;
          lostExamples.push(`live: API tag ${tag.id} on ${tag.word} of ${articleId}`);
        }
    }
    for (const connection of [...typists.map((typist) => typist.connection), ...extra.splice(0)]) connection.destroy();

    // Stored: every instance stops as an operator stops it (SIGTERM stores what it holds), then PostgreSQL.
    const serverNotes: string[] = [];
    for (const [index, instance] of cluster.instances.entries()) {
      const child = instance.process?.child;
      if (!child) continue;
      const stopping = performance.now();
      const stopped = await Promise.race([cluster.signal(index, "SIGTERM").then(() => true), sleep(30_000).then(() => false)]);
      if (!stopped) serverNotes.push(`instance ${index} did not exit within 30 s of SIGTERM`);
      else if (child.exitCode !== 0) serverNotes.push(`instance ${index} exited with ${child.exitCode ?? child.signalCode} on SIGTERM`);
      else console.log(`[${count}] instance ${index} stored and exited in ${((performance.now() - stopping) / 1000).toFixed(1)} s`);
    }
    const stored = new Map(
      (await prisma.article.findMany({ where: { id: { in: articleIds } }, select: { id: true, text: true } })).map((row) => [
        row.id,
        row.text,
      ]),
    );
    const rows = new Map(
      (
        await prisma.annotation.findMany({
          where: { articleId: { in: articleIds } },
          select: { id: true, articleId: true, start: true, end: true, text: true },
        })
      ).map((row) => [row.id, row]),
    );
    for (const typist of typists) {
      const text = stored.get(typist.articleId) ?? "";
      for (const word of typist.typed.slice(0, typist.acked)) {
        const times = text.split(word).length - 1;
        if (times === 0) {
          lost.storedWords++;
          lostExamples.push(`stored: word ${word} of ${typist.articleId}`);
        } else if (times > 1) lost.duplicated++;
      }
    }
    const expectedTags = [
      ...typists.flatMap((typist) => typist.tags.filter((tag) => tag.answer?.ok).map((tag) => ({ ...tag, articleId: typist.articleId }))),
      ...apiTags,
    ];
    for (const tag of expectedTags) {
      const row = rows.get(tag.id);
      if (!row) {
        lost.storedTags++;
        lostExamples.push(`stored: tag ${tag.id} on ${tag.word} of ${tag.articleId}`);
        continue;
      }
      const text = stored.get(tag.articleId) ?? "";
      if (row.text !== tag.word || row.start === null || [...text].slice(row.start, row.end!).join("") !== row.text) lost.misplaced++;
    }
    console.log(
      `[${count}] lost: live ${lost.liveWords} words, ${lost.liveTags} tags; stored ${lost.storedWords} words, ${lost.storedTags} tags; ${lost.duplicated} words stored twice, ${lost.misplaced} tags not on their words`,
    );
    for (const example of lostExamples.slice(0, 20)) console.log(`  ${example}`);
    console.log(`[${count}] clients' sockets closed: ${[...closes].map(([why, n]) => `${why} ×${n}`).join("; ") || "never"}`);

    // What the servers said that looks like trouble, and their whole output in files.
    for (const { name, server } of processes) {
      const output = server.output();
      fs.writeFileSync(path.join(logDir, `${count}-instances-${name}.log`), output);
      const notes = output.split("\n").filter((line) => /error|warn|refused|failed|lost|exception/i.test(line));
      if (notes.length) serverNotes.push(`${name}: ${notes.length} line(s), e.g. ${notes.slice(0, 3).join(" | ").slice(0, 600)}`);
    }
    for (const note of serverNotes) console.log(`[${count}] server ${note}`);

    return {
      instances: count,
      propagation,
      deliveries: { received: delays.length, expected },
      words,
      socketTags,
      api,
      failover,
      lost,
      ownersAtStart,
      serverNotes,
      cpu,
      benchLoop,
      closes,
    };
  } finally {
    for (const typist of typists) typist.connection.destroy();
    for (const connection of extra) connection.destroy();
    await cluster?.stop();
    await disconnectPrisma();
    await scratch.drop().catch(() => {});
  }
}

function table(phases: Phase[], machine: string): void {
  const rows: [string, (phase: Phase) => string][] = [
    [
      "propagation p50 / p95 / max",
      (phase) => (phase.propagation ? `${ms(phase.propagation.p50)} / ${ms(phase.propagation.p95)} / ${ms(phase.propagation.max)}` : "–"),
    ],
    ["  deliveries (received / expected)", (phase) => `${phase.deliveries.received} / ${phase.deliveries.expected}`],
    ["words typed (acknowledged)", (phase) => `${phase.words.typed} (${phase.words.acked})`],
    ["tags over the socket ok (failed)", (phase) => `${phase.socketTags.ok} (${phase.socketTags.failed})`],
    ["API tag writes per second", (phase) => `${phase.api.perSecond.toFixed(1)}/s (${phase.api.ok} ok, ${phase.api.failed} failed)`],
    ["  API latency p50 / p95", (phase) => (phase.api.latency ? `${ms(phase.api.latency.p50, 0)} / ${ms(phase.api.latency.p95, 0)}` : "–")],
    [
      "failover: owner's articles p50 / p95 / max",
      (phase) => {
        if (!phase.failover) return "–";
        const figures = stats(phase.failover.owned);
        return figures.n ? `${ms(figures.p50, 0)} / ${ms(figures.p95, 0)} / ${ms(figures.max, 0)} (n=${figures.n})` : "–";
      },
    ],
    [
      "  other articles p50 / p95 / max",
      (phase) => {
        if (!phase.failover) return "–";
        const figures = stats(phase.failover.others);
        return figures.n ? `${ms(figures.p50, 0)} / ${ms(figures.p95, 0)} / ${ms(figures.max, 0)} (n=${figures.n})` : "–";
      },
    ],
    ["  clients not editing again in 30 s", (phase) => (phase.failover ? String(phase.failover.unrecovered) : "–")],
    [
      "lost acknowledged words / tags",
      (phase) => `${phase.lost.storedWords} / ${phase.lost.storedTags} (live ${phase.lost.liveWords} / ${phase.lost.liveTags})`,
    ],
  ];
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  const columns = phases.map((phase) => Math.max(...rows.map(([, value]) => value(phase).length), 12) + 2);
  console.log(`\nmachine: ${machine}`);
  console.log(
    `${ARTICLES} articles, ${ARTICLES * PER_ARTICLE} clients, a word every ~${INTERVAL_MS} ms each, a tag every ${TAG_EVERY} words, ${SECONDS} s measured; ${values["fast-retry"] ? "quick reconnection (50 ms)" : "the editor's reconnection delays"}`,
  );
  console.log(
    `${"".padEnd(width)}${phases.map((phase, index) => `${phase.instances} instance${phase.instances > 1 ? "s" : ""}`.padEnd(columns[index]!)).join("")}`,
  );
  for (const [name, value] of rows)
    console.log(`${name.padEnd(width)}${phases.map((phase, index) => value(phase).padEnd(columns[index]!)).join("")}`);
  for (const phase of phases) {
    const name = `${phase.instances} instance${phase.instances > 1 ? "s" : ""}`;
    console.log(`${name}: ${phase.ownersAtStart}; ${phase.cpu}; ${phase.benchLoop}`);
    for (const round of phase.failover?.rounds ?? []) console.log(`${name}: failover ${round}`);
    console.log(`${name}: clients' sockets closed: ${[...phase.closes].map(([why, n]) => `${why} ×${n}`).join("; ") || "never"}`);
  }
  const one = phases.find((phase) => phase.instances === 1);
  const three = phases.find((phase) => phase.instances > 1);
  if (one?.propagation && three?.propagation) {
    const ratio = three.propagation.p95 / one.propagation.p95;
    console.log(
      `goals: propagation p95 ${ratio.toFixed(2)}× one instance (≤ 2×: ${ratio <= 2 ? "met" : "NOT met"}), ${ms(three.propagation.p95)} (< 50 ms: ${three.propagation.p95 < 50 ? "met" : "NOT met"})` +
        (three.failover
          ? `; failover p95 ${ms(stats(three.failover.owned).p95, 0)} (< 3 s: ${stats(three.failover.owned).p95 < 3000 && !three.failover.unrecovered ? "met" : "NOT met"})`
          : ""),
    );
  }
}

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("run `next build` first: the benchmark uses the production server");
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
  const logDir = values.logs ?? fs.mkdtempSync(path.join(os.tmpdir(), "margin-bench-cluster-"));
  fs.mkdirSync(logDir, { recursive: true });
  console.log(`machine: ${machine}; servers' output in ${logDir}`);
  const databaseServer = await openDatabase({ profile: "test", database: "postgres", migrate: false });
  const phases: Phase[] = [];
  try {
    for (const count of values.instances!.split(",").map(Number)) phases.push(await runPhase(databaseServer.url, count, logDir));
  } finally {
    await databaseServer.stop();
  }
  table(phases, machine);
  const lost = phases.reduce(
    (sum, phase) => sum + phase.lost.storedWords + phase.lost.storedTags + phase.lost.liveWords + phase.lost.liveTags,
    0,
  );
  if (lost) {
    console.error(`LOST: ${lost} acknowledged write(s)`);
    process.exit(1);
  }
  process.exit(0);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
