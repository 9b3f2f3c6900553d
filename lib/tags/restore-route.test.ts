/**
 * POST /api/annotations/<id>/restore: an orphaned tag goes back on its last words once they are in the text
 * again, through HTTP like every tag write that does not follow a mark the editor just placed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as restoreRoute from "@/app/api/annotations/[id]/restore/route";
import * as tagRoute from "@/app/api/annotations/[id]/route";
import * as historyRoute from "@/app/api/annotations/[id]/history/route";
import * as tagsRoute from "@/app/api/articles/[id]/annotations/route";
import { articleSchema } from "@/lib/editor/extensions";
import { call, person, type Person, type Server } from "@/lib/export/test-support";
import { prisma } from "@/lib/db/prisma";
import { connectClient, eventually, startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";
import { editContent } from "./documents";

const TEXT = "🌊 More than 200 volunteers waited outside — the café stayed open.";

let server: Server;
let editor: Person;
let colleague: Person;
let article: string;

beforeAll(async () => {
  server = await startCollabServer();
  editor = await person("Editor");
  colleague = await person("Colleague");
  const { slug } = await createProjectWith({ editor: [editor, colleague] });
  article = (await createArticle(slug, { title: "Outside", text: TEXT })).id;
});

afterAll(async () => {
  await server.close();
});

const restore = (id: string, who: Person, query: Record<string, string> = {}) =>
  call(restoreRoute.POST, { id }, { token: who.token, query });

describe("restoring an orphaned tag", () => {
  it("refuses while its words are gone, then puts it back on them, for its author only", async () => {
    const start = TEXT.indexOf("waited outside");
    const created = await call(
      tagsRoute.POST,
      { id: article },
      {
        token: editor.token,
        body: { label: "quote", start, end: start + "waited outside".length },
        query: { offsetUnit: "utf16" },
      },
    );
    expect(created.status).toBe(201);
    const { id } = ((await created.json()) as { annotation: { id: string } }).annotation;

    const client = await connectClient(server.url, article, editor.token);
    try {
      editContent(client.content.document, (tr, projection) => {
        const at = projection.text.indexOf(" waited outside");
        tr.delete(projection.positions[at]!, projection.positions[at + " waited outside".length - 1]! + 1);
      });
      await eventually(async () => (await prisma.annotation.findUniqueOrThrow({ where: { id } })).orphanedAt !== null, 5000, "the orphan");

      const gone = await restore(id, editor);
      expect(gone.status).toBe(400);
      expect(((await gone.json()) as { error: { message: string } }).error.message).toMatch(/no longer in the text/);

      editContent(client.content.document, (tr, projection) => {
        tr.insert(
          projection.positions[projection.text.indexOf("volunteers") + "volunteers".length]!,
          articleSchema.text(" waited outside"),
        );
      });
      await eventually(
        async () => (await prisma.article.findUniqueOrThrow({ where: { id: article } })).text.includes("waited outside"),
        5000,
        "the words back",
      );
      expect((await restore(id, colleague)).status).toBe(403);
      const restored = await restore(id, editor, { offsetUnit: "utf16" });
      expect(restored.status).toBe(200);
      const { annotation } = (await restored.json()) as { annotation: { start: number; end: number; orphaned: boolean } };
      const text = (await prisma.article.findUniqueOrThrow({ where: { id: article } })).text;
      expect(annotation.orphaned).toBe(false);
      expect(text.slice(annotation.start, annotation.end)).toBe("waited outside");
    } finally {
      client.destroy();
    }
  });

  it("undoes a deletion: the tag comes back as it was, on its words, with both in its history; not for a colleague", async () => {
    const start = TEXT.indexOf("the café");
    const created = await call(
      tagsRoute.POST,
      { id: article },
      {
        token: editor.token,
        body: { label: "actor", start, end: start + "the café".length, note: "a “place” 🗳️" },
        query: { offsetUnit: "utf16" },
      },
    );
    const { id } = ((await created.json()) as { annotation: { id: string } }).annotation;
    expect((await call(tagRoute.DELETE, { id }, { token: editor.token })).status).toBe(204);
    expect((await call(tagRoute.GET, { id }, { token: editor.token })).status).toBe(404);

    expect((await restore(id, colleague)).status).toBe(403);
    const restored = await restore(id, editor, { offsetUnit: "utf16" });
    expect(restored.status).toBe(200);
    const { annotation } = (await restored.json()) as {
      annotation: { label: string; text: string; start: number; end: number; note: string };
    };
    expect(annotation).toMatchObject({ label: "actor", text: "the café", note: "a “place” 🗳️" });
    const row = await prisma.annotation.findUniqueOrThrow({ where: { id } });
    expect(row.text).toBe("the café");
    const history = (await (await call(historyRoute.GET, { id }, { token: editor.token })).json()) as { history: { kind: string }[] };
    expect(history.history.map((event) => event.kind)).toEqual(["created", "deleted", "restored"]);
    // Undone once: a second undo has nothing to bring back.
    expect((await restore(id, editor)).status).toBe(200);
  });

  it("answers 404 for a tag that does not exist", async () => {
    expect((await restore("no-such-tag", editor)).status).toBe(404);
  });
});
