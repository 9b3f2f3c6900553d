/**
 * Three production processes on one database behind a deliberately non-sticky load balancer (each new
 * connection goes to the next instance: lib/testing/cluster.ts), as an operator would run them. What two
 * instances used to get wrong, as assertions: clients on different instances see each other; tags created
 * through round-robin API calls are all there, once, and stay; a review race has one winner; access
 * changes made anywhere (a data module in another process, as the Members page's action; the CLI) close
 * the sockets wherever they are served; sign-in limits count across instances; an owner that freezes while
 * its database session lingers is taken over once it stops beating, and fenced. (Kills, fencing after the
 * session ends, rolling restarts: server/cluster-failover.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { prisma } from "@/lib/db/prisma";
import { articleSchema } from "@/lib/editor/extensions";
import { changeMemberRole } from "@/lib/members/mutations";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { editContent, projectContent, readTags } from "@/lib/tags/documents";
import { startCluster, request, type Cluster } from "@/lib/testing/cluster";
import { connectClient, eventually, type TestClient } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { runEntry } from "@/lib/testing/run-process";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the county clerk.\n\nMore than 200 volunteers waited outside.";
let cluster: Cluster;
let slug: string;
const people = {} as Record<"owner" | "editor" | "reviewer" | "viewer" | "demoted", { id: string; email: string; token: string }>;
const clients: TestClient[] = [];

beforeAll(async () => {
  for (const role of ["owner", "editor", "reviewer", "viewer", "demoted"] as const) {
    const user = await createUser({ name: role });
    people[role] = { id: user.id, email: user.email, token: (await createApiToken(user.id, role)).token };
  }
  ({ slug } = await createProjectWith({
    owner: [people.owner],
    editor: [people.editor, people.demoted],
    reviewer: [people.reviewer],
    viewer: [people.viewer],
  }));
  // An owner silent for 3 s is taken over (10 s by default), so that the freezing test takes seconds.
  cluster = await startCluster(3, process.env.DATABASE_URL!, { MARGIN_SIGNIN_MAX_FAILURES: "4", MARGIN_OWNER_STALE_MS: "3000" });
}, 300_000);

afterAll(async () => {
  for (const client of clients) client.destroy();
  await cluster?.stop();
});

const socketUrl = () => `ws://127.0.0.1:${cluster.port}/collab`;

async function connect(articleId: string, who: keyof typeof people): Promise<TestClient> {
  const client = await connectClient(socketUrl(), articleId, people[who].token);
  clients.push(client);
  return client;
}

/** What each instance's health check says, asked of the instance itself, not through the balancer. */
async function health() {
  return Promise.all(
    cluster.instances.map(async (instance) => (await request(instance.port, "/api/health")).body as { articles: number; instance: string }),
  );
}

/** The code-point offsets of `words` in TEXT. */
function span(words: string) {
  const start = [...TEXT.slice(0, TEXT.indexOf(words))].length;
  return { start, end: start + [...words].length };
}

describe("three instances behind a round-robin balancer", () => {
  it("serve every client of an article from one owner: words typed anywhere reach everyone", async () => {
    const articleId = (await createArticle(slug, { title: "Count", text: TEXT })).id;
    const [a, b, c] = [await connect(articleId, "editor"), await connect(articleId, "editor"), await connect(articleId, "owner")];
    // Three connections in turn: three instances, and one of them owns the article.
    expect((await health()).filter((instance) => instance.articles > 0)).toHaveLength(1);
    const words = ["[A1]", "[B1]", "[C1]", "[A2]", "[B2]", "[C2]"];
    for (const [index, word] of words.entries()) {
      const client = [a, b, c][index % 3]!;
      editContent(client.content.document, (tr) => tr.insert(1, articleSchema.text(`${word} `)));
    }
    for (const client of [a, b, c])
      await eventually(
        () => words.every((word) => projectContent(client.content.document).text.includes(word)),
        15_000,
        "every word on every client",
      );
    const texts = [a, b, c].map((client) => projectContent(client.content.document).text);
    expect(new Set(texts).size).toBe(1);
  });

  it("keeps every tag created through round-robin API calls, once, readable from every instance", async () => {
    const articleId = (await createArticle(slug, { title: "Tags", text: `${TEXT} Tags.` })).id;
    const choices = ["Ana Ruiz", "1,219 ballots", "the county clerk", "200 volunteers", "volunteers", "county"];
    const created: string[] = [];
    // Two at a time, each on a connection of its own: they reach the instances in turn.
    for (let round = 0; round < 12; round++) {
      const answers = await Promise.all(
        [0, 1].map((offset) =>
          request(cluster.port, `/api/articles/${articleId}/annotations`, {
            token: people.editor.token,
            body: { label: "actor", ...span(choices[(round * 2 + offset) % choices.length]!), note: `round ${round}.${offset}` },
          }),
        ),
      );
      for (const answer of answers) {
        // The same words twice by one person is a duplicate (409) by design; everything else is created.
        if (answer.status === 409) continue;
        expect(answer.status, JSON.stringify(answer.body)).toBe(201);
        created.push((answer.body as { annotation: { id: string } }).annotation.id);
      }
    }
    expect(created.length).toBe(new Set(created).size);
    // Every created tag is a row, and reading it back through any instance finds it, several times over.
    for (let pass = 0; pass < 3; pass++) {
      expect((await prisma.annotation.findMany({ where: { articleId }, select: { id: true } })).map((row) => row.id).sort()).toEqual(
        [...created].sort(),
      );
      for (const id of created)
        expect((await request(cluster.port, `/api/annotations/${id}`, { token: people.editor.token })).status).toBe(200);
    }
  });

  it("gives a review race between instances one winner and a 409", async () => {
    const articleId = (await createArticle(slug, { title: "Race", text: `${TEXT} Race.` })).id;
    const tagged = await request(cluster.port, `/api/articles/${articleId}/annotations`, {
      token: people.editor.token,
      body: { label: "quote", ...span("“We counted 1,219 ballots,”") },
    });
    expect(tagged.status).toBe(201);
    const id = (tagged.body as { annotation: { id: string } }).annotation.id;
    const [first, second] = await Promise.all([
      request(cluster.port, `/api/annotations/${id}/review`, { token: people.reviewer.token, body: { decision: "accept" } }),
      request(cluster.port, `/api/annotations/${id}/review`, { token: people.owner.token, body: { decision: "reject" } }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect(await prisma.annotationReview.count({ where: { annotationId: id } })).toBe(1);
  });

  it("closes the sockets of someone whose access changed, on whichever instance serves them, within a second", async () => {
    const articleId = (await createArticle(slug, { title: "Access", text: `${TEXT} Access.` })).id;
    const access = (await unsafeOperatorProjectAccess(slug, "members:manage"))!;
    // Connected through different instances: their sockets are forwarded to the owner.
    const editor = await connect(articleId, "editor");
    const demoted = await connect(articleId, "demoted");
    const closed = (client: TestClient) =>
      new Promise<number>((resolve) => client.socket.on("close", ({ event }: { event: { code: number } }) => resolve(event.code)));

    // As the Members page's action does, from another process: the change is announced through PostgreSQL.
    const editorClosed = closed(editor);
    const membership = await prisma.membership.findFirstOrThrow({ where: { projectId: access.projectId, userId: people.editor.id } });
    const started = Date.now();
    expect((await changeMemberRole(access, membership.id, "viewer")).ok).toBe(true);
    expect(await editorClosed).toBe(4403);
    expect(Date.now() - started).toBeLessThan(1000);

    // The CLI, a process of its own that is no server at all.
    const demotedClosed = closed(demoted);
    const cli = await runEntry("scripts/margin.ts", [
      "member",
      "add",
      "--project",
      slug,
      "--email",
      people.demoted.email,
      "--role",
      "viewer",
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(await demotedClosed).toBe(4403);

    // Both reconnect by themselves as viewers: they read, and what they type is not applied.
    await eventually(() => editor.content.isSynced && demoted.content.isSynced, 10_000, "the reconnections");
    const before = await prisma.articleDocumentUpdate.count({ where: { articleId } });
    editContent(demoted.content.document, (tr) => tr.insert(1, articleSchema.text("VIEWER ")));
    const tagged = await request(cluster.port, `/api/articles/${articleId}/annotations`, {
      token: people.demoted.token,
      body: { label: "actor", ...span("Ana Ruiz") },
    });
    expect(tagged.status).toBe(403);
    expect(await prisma.articleDocumentUpdate.count({ where: { articleId } })).toBe(before);
    expect(readTags(editor.tags.document).size).toBe(0);
  });

  it("takes over an article whose owner froze while its database session lingers, and fences the owner when it wakes", async () => {
    const articleId = (await createArticle(slug, { title: "Frozen", text: `${TEXT} Frozen.` })).id;
    // The owner: the editor is a viewer since the access test.
    const client = await connect(articleId, "owner");
    editContent(client.content.document, (tr) => tr.insert(1, articleSchema.text("Before ")));
    await eventually(() => !client.content.hasUnsyncedChanges, 10_000, "the first word acknowledged");
    const owner = await prisma.articleOwner.findUniqueOrThrow({ where: { articleId } });
    const states = await health();
    const frozen = states.findIndex((state) => state.instance === owner.instanceId);
    const other = cluster.instances.find((instance) => instance.index !== frozen)!;
    await cluster.signal(frozen, "SIGSTOP");
    try {
      // Its session is alive to PostgreSQL (the kernel still answers for it); only its heartbeat stops.
      await new Promise((resolve) => setTimeout(resolve, 3500));
      const tagged = await request(other.port, `/api/articles/${articleId}/annotations`, {
        token: people.owner.token,
        body: { label: "actor", ...span("Ana Ruiz") },
      });
      expect(tagged.status, JSON.stringify(tagged.body)).toBe(201);
      const after = await prisma.articleOwner.findUniqueOrThrow({ where: { articleId } });
      expect(after.epoch).toBeGreaterThan(owner.epoch);
      expect(after.instanceId).not.toBe(owner.instanceId);
    } finally {
      await cluster.signal(frozen, "SIGCONT");
    }
    // Woken, the former owner finds its session ended: it drops the article, and its client moves.
    const id = (await prisma.annotation.findFirstOrThrow({ where: { articleId } })).id;
    await eventually(() => readTags(client.tags.document).has(id), 20_000, "the client to move to the new owner");
    editContent(client.content.document, (tr) => tr.insert(1, articleSchema.text("After ")));
    await eventually(() => !client.content.hasUnsyncedChanges, 10_000, "a word typed after the move acknowledged");
    const reader = await connect(articleId, "reviewer");
    await eventually(() => ["Before ", "After "].every((word) => projectContent(reader.content.document).text.includes(word)), 10_000);
    expect((await health())[frozen]!.articles).toBe(0);
  });

  it("counts failed sign-ins across instances: the limit is the cluster's, not each instance's", async () => {
    /** One sign-in attempt through the balancer (the next instance each time), as the browser's form posts it. */
    const signIn = async (password: string) => {
      const csrf = await request(cluster.port, "/api/auth/csrf");
      const cookie = String(csrf.headers["set-cookie"] ?? "")
        .split(/,(?=\s*authjs)/)
        .map((part) => part.split(";")[0]!.trim())
        .join("; ");
      const form = new URLSearchParams({ csrfToken: (csrf.body as { csrfToken: string }).csrfToken, email: people.viewer.email, password });
      const answer = await request(cluster.port, "/api/auth/callback/credentials", {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: undefined,
        raw: form.toString(),
      });
      return String(answer.headers.location ?? "");
    };
    // MARGIN_SIGNIN_MAX_FAILURES=4 on every instance: four wrong passwords over three instances lock the account.
    for (let attempt = 0; attempt < 4; attempt++) expect(await signIn("wrong password")).toMatch(/code=credentials/);
    expect(await signIn(TEST_PASSWORD)).toMatch(/code=rate_limited/);
  });
});
