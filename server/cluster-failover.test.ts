/**
 * A cluster's failures, on three production processes on this file's database behind the non-sticky
 * round-robin balancer (lib/testing/cluster.ts), with real clients connected through it (successive
 * connections land on successive instances, so most sockets are forwarded to the article's owner):
 * - SIGKILL of an article's owner while clients type and tag: they reconnect by themselves, a live instance
 *   takes the article over, and they edit again within seconds; nothing acknowledged is lost, neither the
 *   words of a client that left 100 ms before the kill (on that article, and on one only it had open, where
 *   no other client could bring its words back), nor any tag answered ok (live, and in the projection).
 * - Fencing: an owner frozen (SIGSTOP) whose database sessions are ended, and taken over by another
 *   instance, is resumed: it acknowledges nothing and writes nothing for the article any more, its clients
 *   are moved (4503) and reconnect to the new owner, whatever was acknowledged is in the final document, and
 *   the tags they asked for meanwhile are moved to the new owner rather than refused.
 * - Rolling restart (SIGTERM, start again, one instance at a time) while clients type: nothing acknowledged
 *   is lost and the clients converge.
 * (What three healthy instances must do: server/cluster.test.ts.)
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import * as decoding from "lib0/decoding";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { Prisma, prisma } from "@/lib/db/prisma";
import { TagClient } from "@/lib/tags/client/tag-client";
import { markSpan, ownState, projectContent, readTags } from "@/lib/tags/documents";
import { request, startCluster, type Cluster } from "@/lib/testing/cluster";
import { connectClient, converged, eventually, typeWord, type TestClient } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import type { Label } from "@/lib/vocabulary";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the county clerk.\n\nMore than 200 volunteers waited outside.";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Person = "owner" | "a" | "b" | "c" | "d";
const tokens = {} as Record<Person, string>;
let slug: string;
let cluster: Cluster;
const clients: TestClient[] = [];
const typists: Typist[] = [];

beforeAll(async () => {
  const users = await Promise.all((["owner", "a", "b", "c", "d"] as const).map((name) => createUser({ name })));
  ({ slug } = await createProjectWith({ owner: [users[0]!], editor: users.slice(1) }));
  for (const [index, person] of (["owner", "a", "b", "c", "d"] as const).entries())
    tokens[person] = (await createApiToken(users[index]!.id, "failover")).token;
  // The fencing test freezes the new owner for a few seconds as a test device (so that any write in that
  // window can only come from the resumed old owner): peers must not take over a silent owner meanwhile.
  cluster = await startCluster(3, process.env.DATABASE_URL!, { MARGIN_OWNER_STALE_MS: "120000" });
}, 420_000);

// A test that failed with an instance stopped leaves it running for the next.
afterEach(async () => {
  for (const index of [0, 1, 2]) await cluster?.signal(index, "SIGCONT");
});

afterAll(async () => {
  for (const typist of typists) typist.abandon();
  for (const client of clients) client.destroy();
  await cluster?.stop();
});

// ---------------------------------------------------------------------------------------------------------
// Clients and typing

/** Connects through the balancer, as a browser behind it does. */
async function connect(articleId: string, who: Person): Promise<TestClient> {
  const client = await connectClient(`ws://127.0.0.1:${cluster.port}/collab`, articleId, tokens[who]);
  clients.push(client);
  return client;
}

const type = typeWord;

/** Whether a message to a provider is the server's acknowledgement of an update it applied (SyncStatus, 1). */
function isAcknowledgement(data: ArrayBuffer): boolean {
  const decoder = decoding.createDecoder(new Uint8Array(data));
  decoding.readVarString(decoder);
  return decoding.readVarUint(decoder) === 8 && decoding.readVarUint(decoder) === 1;
}

/** A tag's answer, when it came, and whether the client's tags document had the tag then (what the editor checks). */
type TagOutcome = { id: string; word: string; ok: boolean; error?: string; at?: number; present?: boolean; sentAt?: number };

/**
 * A client typing a unique word every `intervalMs` and tagging every `tagEvery`th word's predecessor as the
 * editor does (mark, then ask over the socket), with what happened to its socket: when the server
 * acknowledged one of its content updates, when a socket opened, and how sockets closed.
 */
class Typist {
  readonly typed: string[] = [];
  readonly answers: Promise<TagOutcome>[] = [];
  readonly acks: number[] = [];
  readonly opens: number[] = [];
  readonly closes: { at: number; code: number; reason: string }[] = [];
  private readonly tagger: TagClient;
  private typing = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    readonly client: TestClient,
    private readonly options: { intervalMs: number; tagEvery?: number },
  ) {
    typists.push(this);
    // A tag sent while its article moves is answered once the new owner has caught up: give it time.
    this.tagger = new TagClient(client.tags, 120_000);
    client.content.on("message", ({ event }: { event: MessageEvent }) => {
      if (isAcknowledgement(event.data as ArrayBuffer)) this.acks.push(Date.now());
    });
    client.socket.on("open", () => this.opens.push(Date.now()));
    client.socket.on("close", ({ event }: { event: { code: number; reason: unknown } }) =>
      this.closes.push({ at: Date.now(), code: event.code, reason: String(event.reason) }),
    );
  }

  start(): this {
    this.typing = true;
    this.loop = (async () => {
      for (let n = 1; this.typing; n++) {
        const word = `[${this.name}${n}]`;
        type(this.client, word);
        this.typed.push(word);
        if (this.options.tagEvery && n % this.options.tagEvery === 0) this.tag(`[${this.name}${n - 1}]`);
        await sleep(this.options.intervalMs);
      }
    })();
    return this;
  }

  async stop(): Promise<void> {
    this.typing = false;
    await this.loop;
  }

  /** Marks `word` with a new tag and asks the server to record it. */
  tag(word: string): void {
    const doc = this.client.content.document;
    const start = projectContent(doc).text.indexOf(word);
    const id = randomUUID();
    const label: Label = this.answers.length % 2 ? "actor" : "quote";
    const sentAt = Date.now();
    if (start >= 0 && markSpan(doc, id, { start, end: start + word.length }))
      this.answers.push(
        this.tagger
          .send({ op: "create", id, label, markedAt: ownState(doc) })
          .then((answer) => ({ id, word, ...answer, sentAt, at: Date.now(), present: readTags(this.client.tags.document).has(id) })),
      );
  }

  abandon(): void {
    this.typing = false;
    this.tagger.abandon();
  }

  acksSince(at: number): number {
    return this.acks.filter((ack) => ack > at).length;
  }

  closedSince(at: number): boolean {
    return this.closes.some((close) => close.at >= at);
  }

  /** When an update of this client was first acknowledged on a socket opened after `at` (null: not yet). */
  backAt(at: number): number | null {
    const opened = this.opens.find((open) => open > at);
    return opened === undefined ? null : (this.acks.find((ack) => ack >= opened) ?? null);
  }
}

/** Stops typing, waits for every tag's answer and for the clients to hold one text; the answers. */
async function settle(group: Typist[]): Promise<TagOutcome[]> {
  await Promise.all(group.map((typist) => typist.stop()));
  const answered = await Promise.all(group.flatMap((typist) => typist.answers));
  await eventually(() => converged(group.map((typist) => typist.client)), 60_000, "the clients to converge");
  return answered;
}

/** Each word is in the text exactly once (the names of those that are not, for a readable failure). */
function missing(text: string, words: string[]): string[] {
  return words.filter((word) => text.split(word).length - 1 !== 1);
}

/** A newcomer's view of an article, through the balancer: its text and tags (loaded from wherever it lives). */
async function freshReader(articleId: string) {
  const reader = await connect(articleId, "owner");
  const projection = projectContent(reader.content.document);
  const tags = readTags(reader.tags.document);
  reader.destroy();
  return { projection, tags };
}

/** PostgreSQL's projection catches up with `text`, and holds exactly the tags answered ok, on their words. */
async function expectProjection(articleId: string, text: string, accepted: TagOutcome[]): Promise<void> {
  await eventually(
    async () => (await prisma.article.findUniqueOrThrow({ where: { id: articleId } })).text === text,
    60_000,
    "the stored projection's text",
  );
  const expected = JSON.stringify(accepted.map((answer) => answer.id).sort());
  const stored = async () => JSON.stringify((await prisma.annotation.findMany({ where: { articleId } })).map((row) => row.id).sort());
  // Waited for, then compared (a difference is then shown tag by tag).
  await eventually(async () => (await stored()) === expected, 30_000, "the stored projection's tags").catch(() => {});
  const rows = await prisma.annotation.findMany({ where: { articleId } });
  expect(rows.map((row) => row.id).sort()).toEqual(accepted.map((answer) => answer.id).sort());
  const words = new Map(accepted.map((answer) => [answer.id, answer.word]));
  for (const row of rows) {
    expect(row.text, row.id).toBe(words.get(row.id));
    expect([...text].slice(row.start!, row.end!).join(""), row.id).toBe(row.text);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Instances, owners, and the database

type Health = { status: string; instance: string; articles: number };

/** An instance's own health check (its own port, not through the balancer). Never ask a stopped one. */
async function healthOf(index: number): Promise<Health> {
  return (await request(cluster.instances[index]!.port, "/api/health")).body as Health;
}

/** The instance that owns an article (its row), found among `among` by the id their health checks give. */
async function ownerOf(articleId: string, among: number[] = [0, 1, 2]) {
  const row = await prisma.articleOwner.findUniqueOrThrow({ where: { articleId } });
  const healths = await Promise.all(among.map(async (index) => ({ index, health: await healthOf(index) })));
  const found = healths.find(({ health }) => health.instance === row.instanceId);
  return { index: found?.index ?? -1, instanceId: row.instanceId, epoch: row.epoch, articles: found?.health.articles ?? 0 };
}

/**
 * Makes the balancer send its next connection to instance `target` (every instance running): each request
 * through it lands on the next instance in turn, and its health check says which one that was.
 */
async function aimBalancerAt(target: number): Promise<void> {
  const ids = await Promise.all([0, 1, 2].map(async (index) => (await healthOf(index)).instance));
  for (let attempt = 0; attempt < 6; attempt++) {
    const landed = ids.indexOf(((await request(cluster.port, "/api/health")).body as Health).instance);
    expect(landed).toBeGreaterThanOrEqual(0);
    if ((landed + 1) % ids.length === target) return;
  }
  throw new Error("the balancer could not be aimed");
}

/** A process's TCP sockets (read from /proc, which a stopped process still shows): ports and state. */
function socketsOf(pid: number): { local: number; remote: number; state: string }[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // Closed meanwhile.
    }
  }
  const states: Record<string, string> = { "01": "established", "06": "time-wait", "08": "close-wait", "0A": "listen" };
  const sockets: { local: number; remote: number; state: string }[] = [];
  for (const table of ["tcp", "tcp6"]) {
    let lines: string[];
    try {
      lines = readFileSync(`/proc/${pid}/net/${table}`, "utf8").trim().split("\n").slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      if (!inodes.has(fields[9]!)) continue;
      const port = (address: string) => parseInt(address.split(":").at(-1)!, 16);
      sockets.push({ local: port(fields[1]!), remote: port(fields[2]!), state: states[fields[3]!] ?? fields[3]! });
    }
  }
  return sockets;
}

/** The local ports of a process's connections to the database: what pg_stat_activity's client_port names. */
function databasePortsOf(pid: number): number[] {
  const databasePort = Number(new URL(process.env.DATABASE_URL!).port);
  return socketsOf(pid)
    .filter((socket) => socket.remote === databasePort)
    .map((socket) => socket.local);
}

/** What an instance's open connections are, by the port at the other end (for a report of a slow stop). */
function describeSockets(index: number, pid: number): string {
  const databasePort = Number(new URL(process.env.DATABASE_URL!).port);
  const own = cluster.instances[index]!.port;
  return socketsOf(pid)
    .filter((socket) => socket.state !== "listen")
    .map((socket) => {
      const peer = cluster.instances.findIndex((instance) => instance.port === socket.remote);
      const what =
        socket.remote === databasePort
          ? "database"
          : socket.local === own
            ? "a client (through the balancer, or a peer)"
            : peer >= 0
              ? `to instance ${peer} (a forwarded socket or live operation)`
              : `port ${socket.remote}`;
      return `${socket.local} → ${socket.remote} ${socket.state}: ${what}`;
    })
    .join("\n");
}

/** Everything PostgreSQL holds of an article's live documents and what is derived from them. */
async function writesOf(articleId: string) {
  const [row] = await prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT
      (SELECT count(*)::int FROM article_document_updates WHERE article_id = ${articleId}) AS updates,
      (SELECT coalesce(max(id)::text, '') FROM article_document_updates WHERE article_id = ${articleId}) AS "lastUpdate",
      (SELECT coalesce(string_agg(name || ':' || md5(state), ',' ORDER BY name), '') FROM article_documents WHERE article_id = ${articleId}) AS documents,
      (SELECT md5(coalesce(string_agg(a::text, '|' ORDER BY a.id), '')) FROM annotations a WHERE a.article_id = ${articleId}) AS annotations,
      (SELECT count(*)::int FROM article_annotators WHERE article_id = ${articleId}) AS annotators,
      (SELECT count(*)::int FROM annotation_events WHERE article_id = ${articleId}) AS events,
      (SELECT md5(ar::text) FROM articles ar WHERE ar.id = ${articleId}) AS article,
      (SELECT epoch::text || ' ' || instance_id FROM article_owners WHERE article_id = ${articleId}) AS owner`;
  return row!;
}

/** Lines of an instance's output worth showing when something went wrong. */
function said(index: number): string {
  const output = cluster.instances[index]!.process?.output() ?? "(not running)";
  return output
    .split("\n")
    .filter((line) => /collab|error|warn|refused|closing|fenced|owned/i.test(line))
    .slice(-40)
    .join("\n");
}

const ms = (from: number, to: number | null) => (to === null ? "never" : `${to - from} ms`);

// ---------------------------------------------------------------------------------------------------------

describe("a cluster's failures", () => {
  it("SIGKILL of an article's owner: clients move to a live instance by themselves and lose nothing acknowledged", async () => {
    const began = Date.now();
    const articleId = (await createArticle(slug, { title: "Kill", text: `${TEXT} Kill.` })).id;
    const loneId = (await createArticle(slug, { title: "Kill, alone", text: `${TEXT} Kill, alone.` })).id;
    // Three connections in turn, on three instances: A's takes the article, B and C are forwarded there.
    const a = new Typist("A", await connect(articleId, "a"), { intervalMs: 60, tagEvery: 4 });
    const b = new Typist("B", await connect(articleId, "b"), { intervalMs: 60, tagEvery: 4 });
    const c = await connect(articleId, "c");
    const owner = await ownerOf(articleId);
    const owning = (await Promise.all([0, 1, 2].map(healthOf))).map((health, index) => (health.articles >= 1 ? index : -1));
    expect(owning.filter((index) => index >= 0)).toEqual([owner.index]);
    const killed = owner.index;

    // L opens an article nobody else has, on the same owner: its words can come back only from PostgreSQL.
    await aimBalancerAt(killed);
    const lone = await connect(loneId, "d");
    expect((await ownerOf(loneId)).index).toBe(killed);

    a.start();
    b.start();
    await eventually(
      () => a.acks.length >= 10 && b.acks.length >= 10 && a.answers.length + b.answers.length >= 4,
      30_000,
      "A and B typing",
    );

    // C and L type, tag (L), and leave once acknowledged; 100 ms later the owner is killed.
    const departed = ["[C1]", "[C2]", "[C3]"];
    for (const word of departed) type(c, word);
    const loneWords = ["[L1]", "[L2]", "[L3]"];
    for (const word of loneWords) type(lone, word);
    const loneTagger = new TagClient(lone.tags, 30_000);
    const loneTag = randomUUID();
    const loneText = projectContent(lone.content.document).text;
    expect(markSpan(lone.content.document, loneTag, { start: loneText.indexOf("[L2]"), end: loneText.indexOf("[L2]") + 4 })).toBe(true);
    expect(await loneTagger.send({ op: "create", id: loneTag, label: "actor", markedAt: ownState(lone.content.document) })).toEqual({
      ok: true,
    });
    await eventually(() => !c.content.hasUnsyncedChanges && !lone.content.hasUnsyncedChanges, 20_000, "C's and L's words acknowledged");
    c.destroy();
    lone.destroy();
    await sleep(100);
    const killedAt = Date.now();
    await cluster.signal(killed, "SIGKILL");

    // A and B reconnect by themselves, through the balancer, to a live instance that takes the article.
    try {
      await eventually(() => a.backAt(killedAt) !== null && b.backAt(killedAt) !== null, 60_000, "A and B acknowledged again");
    } finally {
      console.log(
        `[failover] SIGKILL of the owner: A edits again after ${ms(killedAt, a.backAt(killedAt))}, B after ${ms(killedAt, b.backAt(killedAt))}`,
      );
    }
    for (const typist of [a, b]) {
      expect(typist.closedSince(killedAt), `${typist.name}'s socket closed`).toBe(true);
      expect(typist.backAt(killedAt)! - killedAt, `${typist.name} back within 15 s`).toBeLessThan(15_000);
    }
    const alive = [0, 1, 2].filter((index) => index !== killed);
    const taker = await ownerOf(articleId, alive);
    expect(alive).toContain(taker.index);
    expect(taker.epoch).toBeGreaterThan(owner.epoch);
    expect(taker.articles).toBeGreaterThanOrEqual(1);
    // And go on editing there.
    const back = Date.now();
    await eventually(() => a.acksSince(back) >= 5 && b.acksSince(back) >= 5, 30_000, "A and B editing on the new owner");

    const answered = await settle([a, b]);
    if (answered.some((answer) => !answer.ok)) console.error(`[failover] instances said:\n${alive.map(said).join("\n")}`);
    expect(answered.filter((answer) => !answer.ok)).toEqual([]);
    expect(answered.length).toBeGreaterThan(4);

    // Every word typed, the departed client's included, once; every tag on its word, live and stored.
    const words = [...a.typed, ...b.typed, ...departed];
    const live = projectContent(a.client.content.document);
    expect(missing(live.text, words)).toEqual([]);
    for (const { id, word } of answered) {
      const span = live.spans.get(id);
      expect(span && live.text.slice(span.start, span.end), id).toBe(word);
    }
    const reader = await freshReader(articleId);
    expect(missing(reader.projection.text, words)).toEqual([]);
    expect(reader.projection.text).toBe(live.text);
    for (const { id } of answered) expect(reader.tags.has(id), id).toBe(true);
    await expectProjection(articleId, live.text, answered);

    // The lone article, loaded again from what the killed owner stored: L's words and tag.
    const alone = await connect(loneId, "owner");
    const aloneText = projectContent(alone.content.document).text;
    expect(missing(aloneText, loneWords)).toEqual([]);
    expect(readTags(alone.tags.document).has(loneTag)).toBe(true);
    const aloneSpan = projectContent(alone.content.document).spans.get(loneTag);
    expect(aloneSpan && aloneText.slice(aloneSpan.start, aloneSpan.end)).toBe("[L2]");
    // Its projection is derived again at the next store (an edit): the tag is a row on its words.
    type(alone, "[R1]");
    await expectProjection(loneId, projectContent(alone.content.document).text, [{ id: loneTag, word: "[L2]", ok: true }]);
    alone.destroy();

    console.log(
      `[failover] SIGKILL: ${words.length} words, ${answered.length} tags, instance ${killed} killed, ${taker.index} took over (epoch ${owner.epoch} → ${taker.epoch}); ${Date.now() - began} ms`,
    );
    a.client.destroy();
    b.client.destroy();
    await cluster.start(killed);
  }, 240_000);

  it("fences an owner frozen past its database session: once resumed it writes and acknowledges nothing, and its clients move", async () => {
    const began = Date.now();
    const articleId = (await createArticle(slug, { title: "Freeze", text: `${TEXT} Freeze.` })).id;
    // X's connection takes the article; Y's and Z's come through the other two instances, forwarded to it.
    const x = new Typist("X", await connect(articleId, "a"), { intervalMs: 80, tagEvery: 4 });
    const y = new Typist("Y", await connect(articleId, "b"), { intervalMs: 80 });
    const z = new Typist("Z", await connect(articleId, "c"), { intervalMs: 80, tagEvery: 4 });
    const frozen = await ownerOf(articleId);
    expect(frozen.articles).toBeGreaterThanOrEqual(1);
    const old = frozen.index;
    const group = [x, y, z];
    for (const typist of group) typist.start();
    await eventually(() => group.every((typist) => typist.acks.length >= 8), 30_000, "X, Y and Z typing");

    // The next connection through the balancer goes to the instance after the owner (one that runs).
    await aimBalancerAt((old + 1) % 3);
    const child = cluster.instances[old]!.process!.child;
    await cluster.signal(old, "SIGSTOP");
    const stoppedAt = Date.now();
    // Its ownership session (by name) and its other database connections (by port): gone, as in a partition.
    const ports = databasePortsOf(child.pid!);
    const ended = await prisma.$queryRaw<{ pid: number; name: string; ended: boolean }[]>`
      SELECT pid, application_name AS name, pg_terminate_backend(pid) AS ended FROM pg_stat_activity
      WHERE datname = current_database() AND (application_name = ${`margin:${frozen.instanceId}`} OR client_port IN (${Prisma.join(ports.length ? ports : [-1])}))`;
    expect(ended.filter((session) => session.name === `margin:${frozen.instanceId}` && session.ended)).toHaveLength(1);
    const pids = ended.map((session) => session.pid);
    await eventually(
      async () =>
        (await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid IN (${Prisma.join(pids)})`)[0]!
          .n === 0,
      10_000,
      "the frozen owner's sessions to end",
    );

    // A newcomer through the balancer: its instance takes the article over, under a new epoch.
    const w = new Typist("W", await connect(articleId, "d"), { intervalMs: 80 });
    const taker = await ownerOf(
      articleId,
      [0, 1, 2].filter((index) => index !== old),
    );
    expect(taker.index).not.toBe(-1);
    expect(taker.epoch).toBeGreaterThan(frozen.epoch);
    const fresh = taker.index;
    w.start();
    await eventually(() => w.acks.length >= 8, 30_000, "W typing on the new owner");
    await w.stop();
    await eventually(() => !w.client.content.hasUnsyncedChanges, 20_000, "W's words acknowledged");
    // The new owner stores what it holds (every appended update folded in, the projection written), then is
    // frozen itself for a moment: whatever PostgreSQL receives meanwhile comes from the resumed old owner.
    const wText = projectContent(w.client.content.document).text;
    await eventually(
      async () => {
        const writes = await writesOf(articleId);
        return writes.updates === 0 && (await prisma.article.findUniqueOrThrow({ where: { id: articleId } })).text === wText;
      },
      30_000,
      "the new owner to store",
    );
    const before = await writesOf(articleId);
    await cluster.signal(fresh, "SIGSTOP");
    const resumedAt = Date.now();
    await cluster.signal(old, "SIGCONT");

    // The resumed owner finds its session gone, and with it the article.
    try {
      await eventually(() => /ownership session lost/.test(cluster.instances[old]!.process!.output()), 30_000, "the old owner to notice");
    } catch (error) {
      console.error(`[failover] fencing: the resumed owner said:\n${said(old)}`);
      throw error;
    }
    // Long enough for the resumed owner's overdue timers (a store's 2 s debounce) and everything its clients
    // had sent meanwhile: it writes nothing of the article. It may acknowledge, per connection, the one
    // update it was appending when it froze (Hocuspocus handles a connection's messages one at a time),
    // whose row PostgreSQL had committed before the sessions ended (and the new owner loaded); nothing else.
    await sleep(3000);
    const late = Object.fromEntries(group.map((typist) => [typist.name, typist.acksSince(resumedAt)]));
    const writes = await writesOf(articleId);
    if (JSON.stringify(writes) !== JSON.stringify(before) || Object.values(late).some((count) => count > 1))
      console.error(`[failover] fencing: the resumed owner said:\n${said(old)}`);
    expect(writes).toEqual(before);
    for (const typist of group) expect(late[typist.name], `${typist.name}'s updates acknowledged by the old owner`).toBeLessThanOrEqual(1);
    console.log(
      `[failover] fencing: owner ${old} frozen ${resumedAt - stoppedAt} ms, instance ${fresh} took over; acknowledged by the old owner once resumed: ${JSON.stringify(late)}`,
    );

    const thawedAt = Date.now();
    await cluster.signal(fresh, "SIGCONT");
    // Every client of the old owner is moved: its socket closed, 4503 (told through the new owner's relay if
    // it was forwarded there), it reconnects to the new owner, and what it typed meanwhile is acknowledged there.
    try {
      await eventually(() => group.every((typist) => typist.backAt(resumedAt) !== null), 60_000, "X, Y and Z acknowledged again");
    } finally {
      console.log(
        `[failover] fencing: back after the new owner resumed: ${group.map((typist) => `${typist.name} ${ms(thawedAt, typist.backAt(resumedAt))}`).join(", ")}`,
      );
    }
    for (const typist of group) {
      const close = typist.closes.find((event) => event.at >= resumedAt);
      expect({ who: typist.name, code: close?.code, reason: close?.reason }).toEqual({
        who: typist.name,
        code: 4503,
        reason: "article moved",
      });
    }
    const back = Date.now();
    await eventually(() => group.every((typist) => typist.acksSince(back) >= 5), 30_000, "X, Y and Z editing on the new owner");
    const answered = await settle([...group, w]);
    // As the editor takes an answer (lib/tags/client/tagging.ts): refused, but already in its tags document,
    // is recorded (an answer lost with the connection); refused and not there, it takes its mark back.
    const accepted = answered.filter((answer) => answer.ok || answer.present);
    const refused = answered.filter((answer) => !answer.ok);
    const dropped = answered.filter((answer) => !answer.ok && !answer.present);
    if (refused.length) {
      const when = (at?: number) => `${at! - stoppedAt} ms after the freeze`;
      console.warn(
        `[failover] fencing: ${refused.length} of ${answered.length} tags refused (frozen at 0, resumed ${when(resumedAt)}, new owner thawed ${when(thawedAt)}):\n${refused
          .map(
            (answer) =>
              `${answer.word} ${answer.id}: sent ${when(answer.sentAt)}, "${answer.error}" ${when(answer.at)}, in the client's tags then: ${answer.present}`,
          )
          .join(
            "\n",
          )}\n${group.map((typist) => `${typist.name}: closes ${JSON.stringify(typist.closes.map((close) => [close.at - stoppedAt, close.code]))} opens ${JSON.stringify(typist.opens.map((open) => open - stoppedAt))}`).join("\n")}\n${[0, 1, 2].map((index) => `instance ${index}${index === old ? " (old owner)" : index === fresh ? " (new owner)" : ""}:\n${said(index)}`).join("\n")}`,
      );
    }

    // The new edits reached the moved clients; every word and every tag answered ok is in the final document.
    const words = [...x.typed, ...y.typed, ...z.typed, ...w.typed];
    for (const typist of group) expect(missing(projectContent(typist.client.content.document).text, w.typed)).toEqual([]);
    const reader = await freshReader(articleId);
    expect(missing(reader.projection.text, words)).toEqual([]);
    for (const { id, word } of accepted) {
      const span = reader.projection.spans.get(id);
      expect(span && reader.projection.text.slice(span.start, span.end), id).toBe(word);
      expect(reader.tags.has(id), id).toBe(true);
    }
    // A tag the editor was told had failed, and took its mark back from, must not turn up later.
    for (const { id } of dropped) expect(reader.tags.has(id), `${id}, refused, recorded nonetheless`).toBe(false);
    await expectProjection(articleId, reader.projection.text, accepted);
    const final = await ownerOf(articleId);
    expect(final.index).toBe(fresh);
    expect(final.epoch).toBe(taker.epoch);
    console.log(
      `[failover] fencing: ${words.length} words, ${accepted.length} tags, epoch ${frozen.epoch} → ${final.epoch}; ${Date.now() - began} ms`,
    );
    for (const typist of [...group, w]) typist.client.destroy();
    // Last, so that everything above is checked first: a tag asked of the old owner after it lost the article
    // is moved, as its updates are (the socket closed without an answer, the request sent again to the new
    // owner, where a creation by its author is accepted twice), not refused: the editor takes a refused tag's
    // mark back, and the person's tagging during the failover is lost.
    expect(
      refused.map(({ word, error, present }) => ({ word, error, present })),
      "tags refused by the old owner instead of moved to the new one",
    ).toEqual([]);
  }, 240_000);

  it("loses nothing acknowledged through a rolling restart, one instance at a time", async () => {
    const began = Date.now();
    const articleId = (await createArticle(slug, { title: "Rolling", text: `${TEXT} Rolling.` })).id;
    const group = [
      new Typist("P", await connect(articleId, "a"), { intervalMs: 120, tagEvery: 5 }),
      new Typist("Q", await connect(articleId, "b"), { intervalMs: 120, tagEvery: 5 }),
      new Typist("R", await connect(articleId, "c"), { intervalMs: 120 }),
    ];
    for (const typist of group) typist.start();
    await eventually(() => group.every((typist) => typist.acks.length >= 5), 30_000, "P, Q and R typing");

    for (const index of [0, 1, 2]) {
      const owner = await ownerOf(articleId);
      const server = cluster.instances[index]!.process!;
      const instanceId = (await healthOf(index)).instance;
      const stopping = Date.now();
      // A stop that takes long: what the instance still holds open, seen from outside.
      const slow = setTimeout(() => {
        if (server.child.exitCode !== null) return;
        const ports = databasePortsOf(server.child.pid!);
        void prisma.$queryRaw<{ name: string; state: string; query: string }[]>`
          SELECT application_name AS name, state, query FROM pg_stat_activity
          WHERE datname = current_database() AND (application_name = ${`margin:${instanceId}`} OR client_port IN (${Prisma.join(ports.length ? ports : [-1])}))`.then(
          (sessions) =>
            console.warn(
              `[failover] instance ${index} still running 4 s after SIGTERM; its connections:\n${describeSockets(index, server.child.pid!)}\nits database sessions: ${JSON.stringify(sessions)}`,
            ),
        );
      }, 4000);
      await cluster.signal(index, "SIGTERM");
      clearTimeout(slow);
      const stopMs = Date.now() - stopping;
      if (server.child.exitCode !== 0)
        console.error(
          `[failover] instance ${index} exited ${server.child.exitCode} after ${stopMs} ms:\n${server.output().split("\n").slice(-60).join("\n")}`,
        );
      expect(server.child.exitCode, `instance ${index}'s exit`).toBe(0);
      await cluster.start(index);
      const ready = Date.now();
      try {
        await eventually(() => group.every((typist) => typist.acksSince(ready) >= 3), 60_000, "everyone editing after the restart");
      } catch (error) {
        console.error(`[failover] instances said:\n${[0, 1, 2].map(said).join("\n")}`);
        throw error;
      }
      const moved = group.filter((typist) => typist.closedSince(stopping));
      console.log(
        `[failover] rolling: instance ${index}${owner.index === index ? " (the owner)" : ""} stopped in ${stopMs} ms, up again after ${ready - stopping} ms; moved: ${
          moved.map((typist) => `${typist.name} back after ${ms(stopping, typist.backAt(stopping))}`).join(", ") || "nobody"
        }`,
      );
    }

    const answered = await settle(group);
    expect(answered.filter((answer) => !answer.ok)).toEqual([]);
    const words = group.flatMap((typist) => typist.typed);
    for (const typist of group) expect(missing(projectContent(typist.client.content.document).text, words)).toEqual([]);
    const reader = await freshReader(articleId);
    expect(missing(reader.projection.text, words)).toEqual([]);
    for (const { id } of answered) expect(reader.tags.has(id), id).toBe(true);
    await expectProjection(articleId, reader.projection.text, answered);
    console.log(`[failover] rolling: ${words.length} words, ${answered.length} tags; ${Date.now() - began} ms`);
    for (const typist of group) typist.client.destroy();
  }, 300_000);
});
