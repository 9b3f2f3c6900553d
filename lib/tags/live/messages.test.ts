/**
 * The tag socket protocol, on a real collaboration server with a real WebSocket client and PostgreSQL: the
 * editor's mark, then "create" on the same socket, records the tag, once the server has the mark however late
 * it comes; any other operation is refused with where it goes now (HTTP), and changes nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { TagClient } from "@/lib/tags/client/tag-client";
import * as Y from "yjs";
import { markSpan, ownState, projectContent, readTags } from "@/lib/tags/documents";
import { connectClient, startCollabServer, type TestClient } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the county clerk.";

let server: Awaited<ReturnType<typeof startCollabServer>>;
let client: TestClient;

beforeAll(async () => {
  server = await startCollabServer();
  const editor = await createUser({ name: "Editor" });
  const { slug } = await createProjectWith({ editor: [editor] });
  const { id } = await createArticle(slug, { title: "Count", text: TEXT });
  client = await connectClient(server.url, id, (await createApiToken(editor.id, "socket")).token);
});

afterAll(async () => {
  client.destroy();
  await server.close();
});

/** Marks `words` as the editor does, in `doc` (the client's content document by default); returns the new tag's id. */
function mark(words: string, doc: Y.Doc = client.content.document): string {
  const id = randomUUID();
  const start = projectContent(doc).text.indexOf(words);
  expect(markSpan(doc, id, { start, end: start + words.length })).toBe(true);
  return id;
}

describe("the tag socket", () => {
  it("records the tag for words just marked on it", async () => {
    const tags = new TagClient(client.tags);
    const id = mark("Ana Ruiz");
    expect(await tags.send({ op: "create", id, label: "actor", markedAt: ownState(client.content.document) })).toEqual({ ok: true });
    expect(readTags(client.tags.document).get(id)).toMatchObject({ label: "actor" });
  });

  it("waits for a mark that reaches the server late, as long as it takes a busy server to apply it", async () => {
    // The mark is made on a copy of the text that the server hears of only after the tag message, later than
    // the two seconds the server gives a mark when it is not told how far the editor's changes went.
    const late = new Y.Doc();
    Y.applyUpdate(late, Y.encodeStateAsUpdate(client.content.document));
    const id = mark("1,219 ballots", late);
    const answer = new TagClient(client.tags).send({ op: "create", id, label: "figure", markedAt: ownState(late) });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    Y.applyUpdate(client.content.document, Y.encodeStateAsUpdate(late, Y.encodeStateVector(client.content.document)));
    expect(await answer).toEqual({ ok: true });
    expect(readTags(client.tags.document).get(id)).toMatchObject({ label: "figure" });
  });

  it("refuses every other operation, saying that it goes through the HTTP API", async () => {
    const id = mark("the county clerk");
    const tags = new TagClient(client.tags);
    expect((await tags.send({ op: "create", id, label: "quote" })).ok).toBe(true);
    // What a page loaded before the protocol shrank still sends.
    const stale = tags as unknown as { send(message: object): Promise<unknown> };
    for (const message of [
      { op: "update", id, label: "claim" },
      { op: "delete", id },
      { op: "restore", id },
    ])
      expect(await stale.send(message)).toEqual({ ok: false, error: expect.stringMatching(/HTTP API/) });
    expect(readTags(client.tags.document).get(id)).toMatchObject({ label: "quote" });
  });
});
