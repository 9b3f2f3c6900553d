/**
 * The shipped load balancer configuration (deploy/haproxy.cfg) in a real HAProxy, in front of two
 * production instances on this file's database (lib/testing/cluster.ts), with real WebSocket clients:
 * - the instances' own /_margin/ path is refused, requests that name no article are spread over both
 *   instances; two editors of one article connected through HAProxy reach the same instance (consistent
 *   hashing on the article: exactly one instance owns it, and HAProxy's log shows another socket of the
 *   article sent there), and see each other's words;
 * - a tag created through HAProxy with the API is answered 201 and read back, both calls sent to that
 *   instance too (HAProxy's log);
 * - when that instance is stopped (SIGTERM), HAProxy's health check takes it out, and the editors
 *   reconnect through HAProxy to the other instance and go on: every word arrives, once.
 * HAProxy must be installed (.ci/run installs Debian's package): without it this test fails, never skips.
 */
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { projectContent, readTags } from "@/lib/tags/documents";
import { request, startCluster, type Cluster } from "@/lib/testing/cluster";
import { connectClient, converged, eventually, typeWord, type TestClient } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import { findHaproxy, startHaproxy, type RunningHaproxy } from "@/scripts/cluster-proxy";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the county clerk.\n\nMore than 200 volunteers waited outside.";

let articleId: string;
const tokens = { a: "", b: "" };
let cluster: Cluster | undefined;
let haproxy: RunningHaproxy | undefined;
let port: number;
const clients: TestClient[] = [];

/** A loopback port nobody listens on now, for HAProxy's frontend. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
}

/** Articles each running instance owns, asked of it directly (a stopped one owns none). */
async function ownedArticles(): Promise<number[]> {
  return Promise.all(
    cluster!.instances.map(async (instance) => {
      if (!instance.process) return 0;
      const { status, body } = await request(instance.port, "/api/health");
      expect(status).toBe(200);
      return (body as { articles: number }).articles;
    }),
  );
}

async function connect(who: keyof typeof tokens): Promise<TestClient> {
  const client = await connectClient(`ws://127.0.0.1:${port}/collab`, articleId, tokens[who]);
  clients.push(client);
  return client;
}

const type = typeWord;

/**
 * What HAProxy's request log (`option httplog`, MARGIN_HAPROXY_LOG_LEVEL=info) says of the requests whose
 * line holds `needle`: the backend and instance each was sent to, and its request line.
 */
function logged(needle: string): { server: string; request: string }[] {
  return haproxy!
    .output()
    .split("\n")
    .filter((line) => line.includes(needle))
    .flatMap((line) => {
      const match = / (margin_\w+\/\S+) \S+ -?\d+ .*"(\S+ \S+) HTTP\//.exec(line);
      return match ? [{ server: match[1]!, request: match[2]! }] : [];
    });
}

const textOf = (client: TestClient) => projectContent(client.content.document).text;
const holdsOnce = (client: TestClient, words: string[]) => words.every((word) => textOf(client).split(word).length === 2);

const binary = findHaproxy();
const MISSING =
  "haproxy is not installed: this test runs deploy/haproxy.cfg in a real HAProxy. .ci/run installs it (apt-get install haproxy)";

beforeAll(async () => {
  // Without HAProxy nothing is started, and the test fails saying so (a failing hook would mark it skipped).
  if (!binary) return;
  const [owner, a, b] = await Promise.all([createUser({ name: "Owner" }), createUser({ name: "A" }), createUser({ name: "B" })]);
  const { slug } = await createProjectWith({ owner: [owner], editor: [a, b] });
  articleId = (await createArticle(slug, { title: "Count", text: TEXT })).id;
  tokens.a = (await createApiToken(a.id, "haproxy")).token;
  tokens.b = (await createApiToken(b.id, "haproxy")).token;
  // This test file's own database (lib/testing/database-per-file.ts), already migrated; behind a proxy the
  // instances trust its X-Forwarded-For, as the README says.
  cluster = await startCluster(2, process.env.DATABASE_URL!, { TRUST_PROXY: "1" });
  port = await freePort();
  haproxy = await startHaproxy({
    binary,
    upstreams: cluster.instances.map((instance) => ({ name: `margin${instance.index + 1}`, address: `127.0.0.1:${instance.port}` })),
    port,
    env: { MARGIN_HAPROXY_LOG_LEVEL: "info" },
  });
}, 180_000);

afterAll(async () => {
  for (const client of clients) client.destroy();
  await haproxy?.stop();
  await cluster?.stop();
});

describe("HAProxy with deploy/haproxy.cfg in front of two instances", () => {
  it("sends an article's sockets and API calls to one instance, and to the other when that one stops", async () => {
    expect(binary, MISSING).not.toBeNull();
    // What instances send each other directly is not reachable through the balancer.
    expect((await request(port, "/_margin/live", { body: {} })).status).toBe(404);
    // Requests that name no article are spread over both instances.
    for (let n = 0; n < 4; n++) expect((await request(port, "/api/health")).status).toBe(200);
    await eventually(() => logged('"GET /api/health').length === 4, 5000, "HAProxy to log the health requests");
    expect(new Set(logged('"GET /api/health').map((entry) => entry.server))).toEqual(new Set(["margin_any/margin1", "margin_any/margin2"]));

    const a = await connect("a");
    const b = await connect("b");

    // One owner: both sockets were hashed to the same instance, which took the article.
    const before = await ownedArticles();
    expect(before.filter((count) => count >= 1)).toHaveLength(1);
    const owner = before.findIndex((count) => count >= 1);
    const survivor = 1 - owner;
    const ownerServer = `margin_article/margin${owner + 1}`;
    // A third socket comes and goes: HAProxy logs it as it closes, with the instance it was sent to.
    const probe = await connectClient(`ws://127.0.0.1:${port}/collab`, articleId, tokens.b);
    probe.destroy();
    await eventually(() => logged(articleId).length === 1, 5000, "HAProxy to log the socket that left");
    expect(logged(articleId)).toEqual([{ server: ownerServer, request: `GET /collab?article=${articleId}` }]);
    type(a, "[A1]");
    type(b, "[B1]");
    await eventually(() => holdsOnce(a, ["[A1]", "[B1]"]) && holdsOnce(b, ["[A1]", "[B1]"]), 10_000, "each other's words");

    // A tag through HAProxy, on the live text's code points (of words no typed word can split); it reaches
    // the open editors too.
    const text = textOf(a);
    const start = [...text.slice(0, text.indexOf("1,219"))].length;
    const created = await request(port, `/api/articles/${articleId}/annotations`, {
      token: tokens.a,
      body: { label: "figure", start, end: start + "1,219".length },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const tag = (created.body as { annotation: { id: string; text: string } }).annotation;
    expect(tag.text).toBe("1,219");
    const listed = await request(port, `/api/articles/${articleId}/annotations`, { token: tokens.b });
    expect(listed.status).toBe(200);
    expect((listed.body as { annotations: unknown[] }).annotations).toContainEqual(
      expect.objectContaining({ id: tag.id, label: "figure", text: "1,219" }),
    );
    await eventually(() => readTags(b.tags.document).has(tag.id), 10_000, "the tag in B's editor");
    // Still on the one instance: the API calls were hashed where the sockets were.
    await eventually(() => logged(articleId).length === 3, 5000, "HAProxy to log the API calls");
    expect(logged(articleId).map((entry) => entry.server)).toEqual([ownerServer, ownerServer, ownerServer]);
    expect((await ownedArticles()).map((count) => count >= 1)).toEqual([0, 1].map((index) => index === owner));

    // The owner is told to stop: it stores, hands the article over and closes the sockets itself.
    type(a, "[A2]");
    const stopping = Date.now();
    await cluster!.signal(owner, "SIGTERM");
    const exitedMs = Date.now() - stopping;
    // Typed while the editors lose their server and find the other: sent there whenever they get there.
    type(a, "[A3]");
    type(b, "[B2]");
    await eventually(
      () => haproxy!.output().includes(`Server margin_article/margin${owner + 1} is DOWN`),
      15_000,
      "HAProxy's health check to take the stopped instance out",
    );
    const downMs = Date.now() - stopping;
    const words = ["[A1]", "[B1]", "[A2]", "[A3]", "[B2]"];
    await eventually(() => holdsOnce(a, words) && holdsOnce(b, words), 30_000, "the words typed across the move");
    const movedMs = Date.now() - stopping;
    expect((await ownedArticles())[survivor]).toBeGreaterThanOrEqual(1);

    // And they go on editing on the survivor.
    type(a, "[A4]");
    type(b, "[B3]");
    words.push("[A4]", "[B3]");
    await eventually(() => holdsOnce(a, words) && holdsOnce(b, words), 10_000, "the words typed after the move");
    await eventually(() => converged([a, b]), 10_000, "the editors to converge");
    expect(readTags(a.tags.document).has(tag.id)).toBe(true);
    // The survivor stores it: the API, through HAProxy, reads every word.
    await eventually(
      async () => {
        const { body } = await request(port, `/api/articles/${articleId}`, { token: tokens.b });
        const stored = (body as { article?: { text: string } }).article?.text ?? "";
        return words.every((word) => stored.includes(word));
      },
      20_000,
      "the stored text",
    );
    console.info(
      `[haproxy] after SIGTERM: the owner exited in ${exitedMs} ms, HAProxy had it down by ${downMs} ms, the editors were in sync through the other instance by ${movedMs} ms`,
    );
  }, 90_000);
});
