/**
 * Several collaboration servers on one PostgreSQL, as a cluster's instances have them (here in one process;
 * server/cluster.test.ts runs production processes): one owns each article, the others forward its
 * sockets and live operations there, and an owner that lost its database session can write nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { authorizeArticle, unwrapAccess } from "@/lib/auth/project-access";
import { appendUpdate } from "@/lib/collab/mutations";
import { isFenced } from "@/lib/collab/fence";
import { prisma } from "@/lib/db/prisma";
import { articleSchema } from "@/lib/editor/extensions";
import { actorFor } from "@/lib/testing/actors";
import { connectClient, eventually, startCollabServer, type TestClient } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import { editContent, projectContent, readTags } from "@/lib/tags/documents";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the county clerk.";
type Server = Awaited<ReturnType<typeof startCollabServer>>;
let servers: Server[] = [];
let slug: string;
const people = {} as Record<"editor" | "reviewer" | "owner", { id: string; email: string; token: string }>;

beforeAll(async () => {
  for (const role of ["editor", "reviewer", "owner"] as const) {
    const user = await createUser({ name: role });
    people[role] = { id: user.id, email: user.email, token: (await createApiToken(user.id, role)).token };
  }
  ({ slug } = await createProjectWith({ owner: [people.owner], editor: [people.editor], reviewer: [people.reviewer] }));
  servers = [await startCollabServer(), await startCollabServer(), await startCollabServer()];
});

afterAll(async () => {
  for (const server of servers) await server.close().catch(() => {});
});

const access = async <C extends "annotations:create" | "annotations:review">(
  person: keyof typeof people,
  articleId: string,
  capability: C,
) => unwrapAccess(await authorizeArticle(await actorFor(people[person]), articleId, capability));

/** Types `words` at the start of the article through `client`, and waits until it is acknowledged. */
async function type(client: TestClient, words: string) {
  editContent(client.content.document, (tr) => tr.insert(1, articleSchema.text(words)));
  await eventually(() => !client.content.hasUnsyncedChanges, 10_000, `"${words}" acknowledged`);
}

const loadedOn = (server: Server, articleId: string) => server.collaboration.loaded(`article:${articleId}`) !== undefined;

describe("a cluster of collaboration servers", () => {
  it("serves an article from one owner: clients on every instance see each other's words and tags", async () => {
    const articleId = (await createArticle(slug, { title: "Count", text: TEXT })).id;
    const clients = await Promise.all(servers.map((server) => connectClient(server.url, articleId, people.editor.token)));
    try {
      // One instance holds the documents; the others forwarded their sockets to it.
      expect(servers.filter((server) => loadedOn(server, articleId))).toHaveLength(1);
      await type(clients[0]!, "Alpha ");
      await type(clients[2]!, "Charlie ");
      await type(clients[1]!, "Bravo ");
      for (const client of clients)
        await eventually(() =>
          ["Alpha ", "Bravo ", "Charlie "].every((word) => projectContent(client.content.document).text.includes(word)),
        );
      // Tags through every instance's live operations, interleaved: each one is there, on every client.
      const editor = await access("editor", articleId, "annotations:create");
      const created = await Promise.all(
        ["Ana Ruiz", "the county clerk", "1,219 ballots", "Alpha", "Bravo", "Charlie"].map(async (words, index) => {
          const text = projectContent(clients[0]!.content.document).text;
          const start = [...text.slice(0, text.indexOf(words))].length;
          const result = await servers[index % servers.length]!.live.create(editor, {
            label: "actor",
            span: { start, end: start + [...words].length, unit: "codepoint" },
          });
          if (!result.ok) throw new Error(result.message);
          return result.value.id;
        }),
      );
      expect(new Set(created).size).toBe(6);
      for (const client of clients) await eventually(() => created.every((id) => readTags(client.tags.document).has(id)));
      expect(await prisma.annotation.count({ where: { articleId } })).toBe(6);
    } finally {
      for (const client of clients) client.destroy();
    }
  });

  it("decides a review race between instances once: one decision wins, the other is a conflict", async () => {
    const articleId = (await createArticle(slug, { title: "Race", text: `${TEXT} Race.` })).id;
    const editor = await access("editor", articleId, "annotations:create");
    const tagged = await servers[0]!.live.create(editor, { label: "actor", span: { start: 34, end: 42, unit: "codepoint" } });
    if (!tagged.ok) throw new Error(tagged.message);
    const [first, second] = await Promise.all([
      servers[1]!.live.review(await access("reviewer", articleId, "annotations:review"), tagged.value.id, { decision: "accept" }),
      servers[2]!.live.review(await access("owner", articleId, "annotations:review"), tagged.value.id, { decision: "reject" }),
    ]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    const loser = first.ok ? second : first;
    expect(!loser.ok && loser.reason).toBe("conflict");
    expect(await prisma.annotationReview.count({ where: { annotationId: tagged.value.id } })).toBe(1);
  });

  it("fences an owner that lost its session: its writes are refused, its clients move, nothing acknowledged is lost", async () => {
    const articleId = (await createArticle(slug, { title: "Fence", text: `${TEXT} Fence.` })).id;
    const clients = await Promise.all(servers.map((server) => connectClient(server.url, articleId, people.editor.token)));
    try {
      await type(clients[1]!, "Before ");
      const owner = servers.find((server) => loadedOn(server, articleId))!;
      const epoch = owner.ownership.epochOf(articleId);
      // As if the owner had been frozen past its session: the database ends the session, and its locks.
      await prisma.$queryRaw`SELECT pg_terminate_backend(${owner.ownership.sessionPid}::int)`;
      await eventually(() => !owner.ownership.owns(articleId), 5000, "the owner to notice");
      // Its clients were told the article moved; they reconnect, and another instance takes it.
      await eventually(() => servers.some((server) => server !== owner && loadedOn(server, articleId)), 10_000, "a new owner");
      await type(clients[0]!, "After ");
      // A write under the old epoch (the frozen owner waking up) is refused by the database.
      await expect(appendUpdate(articleId, "content", new Uint8Array([0, 0]), epoch)).rejects.toSatisfy(isFenced);
      for (const client of clients)
        await eventually(() => ["Before ", "After "].every((word) => projectContent(client.content.document).text.includes(word)), 10_000);
    } finally {
      for (const client of clients) client.destroy();
    }
    // What every client saw is what is stored: a reader after all of them finds both words.
    const reader = await connectClient(servers[0]!.url, articleId, people.editor.token);
    try {
      for (const word of ["Before ", "After "]) expect(projectContent(reader.content.document).text).toContain(word);
    } finally {
      reader.destroy();
    }
  });
});
