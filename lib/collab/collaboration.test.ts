/**
 * The collaboration server end to end: a real Hocuspocus server on a loopback port, real WebSocket clients
 * with API tokens, real PostgreSQL. Each test has its own article (and, where it restarts or changes the
 * timing of the server, its own server), and waits for what the server says rather than for time to pass.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { authorizeArticle } from "@/lib/auth/project-access";
import { CONTENT_FIELD } from "@/lib/collab/names";
import { prisma } from "@/lib/db/prisma";
import { actorFor } from "@/lib/testing/actors";
import { closedBy, connectClient, eventually, manualClock, refusedUpdate, startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import { articleSchema } from "@/lib/editor/extensions";
import { editContent, projectContent, readTags } from "@/lib/tags/documents";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the county clerk.\n\nMore than 200 volunteers waited outside.";

type Server = Awaited<ReturnType<typeof startCollabServer>>;
let server: Server;
const people = {} as Record<"owner" | "editor" | "reviewer" | "viewer" | "outsider", { id: string; email: string; token: string }>;
let slug: string;
let articles = 0;

beforeAll(async () => {
  server = await startCollabServer();
  for (const role of ["owner", "editor", "reviewer", "viewer", "outsider"] as const) {
    const user = await createUser({ name: role });
    people[role] = { ...user, token: (await createApiToken(user.id, "collab")).token };
  }
  ({ slug } = await createProjectWith({
    owner: [people.owner],
    editor: [people.editor],
    reviewer: [people.reviewer],
    viewer: [people.viewer],
  }));
});

afterAll(async () => {
  await server.close();
});

/** A new article of the project with TEXT (a project refuses the same text twice, hence the number). */
async function newArticle(): Promise<{ articleId: string; text: string }> {
  const text = `${TEXT} (${++articles})`;
  return { articleId: (await createArticle(slug, { title: "Count", text })).id, text };
}

async function editorAccess(who: keyof typeof people, articleId: string) {
  const access = await authorizeArticle(await actorFor(people[who]), articleId, "annotations:create");
  if (!access.ok) throw new Error(access.message);
  return access.value;
}

const articleText = async (articleId: string) => (await prisma.article.findUniqueOrThrow({ where: { id: articleId } })).text;

describe("collaboration server", () => {
  it("shows a tag created through the API to a connected client at once, with exact offsets in the projection", async () => {
    const { articleId, text } = await newArticle();
    const client = await connectClient(server.url, articleId, people.editor.token);
    try {
      expect(projectContent(client.content.document).text).toBe(text);
      const created = await server.live.create(await editorAccess("owner", articleId), {
        label: "actor",
        span: { start: 33, end: 41, unit: "codepoint" },
      });
      if (!created.ok) throw new Error(created.message);
      // In PostgreSQL before createAnnotation returned, with offsets in code points (Python's).
      const row = await prisma.annotation.findUniqueOrThrow({ where: { id: created.value.id } });
      expect(row).toMatchObject({ label: "actor", start: 33, end: 41, text: "Ana Ruiz", authorId: people.owner.id, orphanedAt: null });
      expect([...text].slice(33, 41).join("")).toBe("Ana Ruiz");
      await eventually(() => readTags(client.tags.document).get(created.value.id)?.label === "actor", 1000, "the tag at the client");
      const projection = projectContent(client.content.document);
      const span = projection.spans.get(created.value.id)!;
      expect(projection.text.slice(span.start, span.end)).toBe("Ana Ruiz");
    } finally {
      client.destroy();
    }
  });

  it("stores a client's text correction, moving tags with their words", async () => {
    // A server that would not store for a while: the update must be in PostgreSQL as it arrives, before any
    // store (so that a crash loses nothing), whatever the machine's speed.
    const slow = await startCollabServer({ debounce: 60_000, maxDebounce: 120_000 });
    const { articleId, text } = await newArticle();
    try {
      const created = await slow.live.create(await editorAccess("editor", articleId), {
        label: "figure",
        span: { start: text.indexOf("More than 200"), end: text.indexOf("More than 200") + 13, unit: "utf16" },
      });
      if (!created.ok) throw new Error(created.message);
      expect((await prisma.annotation.findUniqueOrThrow({ where: { id: created.value.id } })).attributes).toEqual({
        value: 200,
        unit: null,
        approximate: true,
      });
      const client = await connectClient(slow.url, articleId, people.editor.token);
      try {
        editContent(client.content.document, (tr, projection) => {
          tr.insert(projection.positions[0]!, articleSchema.text("Volunteers' count: "));
        });
        await eventually(
          async () => (await prisma.articleDocumentUpdate.count({ where: { articleId, name: "content" } })) > 0,
          5000,
          "an appended update",
        );
        expect(await articleText(articleId)).toBe(text);
        // Appended first, applied after: the store folds in what the live document holds.
        await eventually(
          () => projectContent(slow.collaboration.loaded(`article:${articleId}`)!).text.startsWith("Volunteers' count: "),
          5000,
          "the correction in the live document",
        );
        await slow.collaboration.persistence.store(articleId);
        const stored = await articleText(articleId);
        expect(stored.startsWith("Volunteers' count: “We")).toBe(true);
        // The store folded the appended updates into the snapshot.
        expect(await prisma.articleDocumentUpdate.count({ where: { articleId, name: "content" } })).toBe(0);
        const row = await prisma.annotation.findUniqueOrThrow({ where: { id: created.value.id } });
        expect([...stored].slice(row.start!, row.end!).join("")).toBe("More than 200");
        expect(row.text).toBe("More than 200");
      } finally {
        client.destroy();
      }
    } finally {
      await slow.close();
    }
  });

  it("keeps a viewer's and a reviewer's text edits out, lets a reviewer mark, and keeps every client out of the tags document", async () => {
    const { articleId } = await newArticle();
    const viewer = await connectClient(server.url, articleId, people.viewer.token);
    const reviewer = await connectClient(server.url, articleId, people.reviewer.token);
    const editor = await connectClient(server.url, articleId, people.editor.token);
    try {
      const before = projectContent(editor.content.document).text;
      const viewerClosed = closedBy(viewer.content);
      const reviewerClosed = closedBy(reviewer.content);
      const viewerTagsRefused = refusedUpdate(viewer.tags);
      const editorTagsRefused = refusedUpdate(editor.tags);
      editContent(viewer.content.document, (tr) => tr.insert(1, articleSchema.text("VIEWER ")));
      editContent(reviewer.content.document, (tr) => tr.insert(1, articleSchema.text("REVIEWER ")));
      viewer.tags.document.getMap("tags").set("forged", "x");
      editor.tags.document.getMap("tags").set("forged", "y");
      // The server has answered each of them: text changes close that document's connection, tag writes
      // are refused.
      await Promise.all([viewerClosed, reviewerClosed]);
      await Promise.all([viewerTagsRefused, editorTagsRefused]);
      expect(projectContent(server.collaboration.loaded(`article:${articleId}`)!).text).toBe(before);
      expect(projectContent(editor.content.document).text).toBe(before);
      const stored = server.collaboration.loaded(`article:${articleId}:tags`)!;
      expect(stored.getMap("tags").has("forged")).toBe(false);

      // A reviewer's mark (no text change) is accepted.
      const fresh = await connectClient(server.url, articleId, people.reviewer.token);
      try {
        editContent(fresh.content.document, (tr, projection) => {
          const at = projection.text.indexOf("volunteers");
          tr.addMark(
            projection.positions[at]!,
            projection.positions[at + 10 - 1]! + 1,
            tr.doc.type.schema.marks.annotation!.create({ id: "reviewer-mark" }),
          );
        });
        await eventually(
          () => projectContent(editor.content.document).spans.has("reviewer-mark"),
          5000,
          "the reviewer's mark at the editor",
        );
      } finally {
        fresh.destroy();
      }
    } finally {
      viewer.destroy();
      reviewer.destroy();
      editor.destroy();
    }
  });

  it("refuses a reviewer's unknown mark (the paragraph survives the next store), puts a colleague's moved mark back, records an owner's move", async () => {
    const { articleId, text } = await newArticle();
    const created = await server.live.create(await editorAccess("owner", articleId), {
      label: "actor",
      span: { start: 33, end: 41, unit: "codepoint" },
    });
    if (!created.ok) throw new Error(created.message);
    const attacker = await connectClient(server.url, articleId, people.reviewer.token);
    const reviewer = await connectClient(server.url, articleId, people.reviewer.token);
    const owner = await connectClient(server.url, articleId, people.owner.token);
    try {
      // The review's finding: formatting with a mark the schema does not know, on a paragraph's text.
      const closed = closedBy(attacker.content);
      const paragraph = attacker.content.document.getXmlFragment(CONTENT_FIELD).get(0) as Y.XmlElement;
      (paragraph.get(0) as Y.XmlText).format(0, 3, { evilmark: {} });
      await closed;
      await server.collaboration.persistence.store(articleId);
      expect(await articleText(articleId)).toBe(text);
      expect(projectContent(server.collaboration.loaded(`article:${articleId}`)!).text).toBe(text);

      // A reviewer widening a colleague's tag over the socket sees it put back, as everyone does.
      const widen = (doc: Y.Doc) =>
        editContent(doc, (tr, projection) => {
          const from = projection.positions[text.indexOf("said Ana")]!;
          tr.addMark(from, projection.positions[text.indexOf("Ana")]!, articleSchema.marks.annotation!.create({ id: created.value.id }));
        });
      const spanAt = (doc: Y.Doc) => {
        const projection = projectContent(doc);
        const span = projection.spans.get(created.value.id);
        return span && projection.text.slice(span.start, span.end);
      };
      widen(reviewer.content.document);
      expect(spanAt(reviewer.content.document)).toBe("said Ana Ruiz");
      await eventually(() => spanAt(reviewer.content.document) === "Ana Ruiz", 5000, "the colleague's tag put back");
      expect(spanAt(server.collaboration.loaded(`article:${articleId}`)!)).toBe("Ana Ruiz");

      // The owner may; the tag's history says who moved it from what words to what words.
      widen(owner.content.document);
      const moved = () => prisma.annotationEvent.findFirst({ where: { annotationId: created.value.id, kind: "span_changed" } });
      await eventually(async () => (await moved()) !== null, 5000, "the span change in the history");
      expect(await moved()).toMatchObject({ actorId: people.owner.id, data: { from: "Ana Ruiz", to: "said Ana Ruiz", via: "editor" } });
      // The history is written as the update is checked, before Hocuspocus applies it.
      await eventually(
        () => spanAt(server.collaboration.loaded(`article:${articleId}`)!) === "said Ana Ruiz",
        5000,
        "the owner's move applied",
      );
    } finally {
      attacker.destroy();
      reviewer.destroy();
      owner.destroy();
    }
  });

  it("refuses people who are not members and connections without credentials", async () => {
    const { articleId } = await newArticle();
    await expect(connectClient(server.url, articleId, people.outsider.token)).rejects.toThrow(/authentication failed/);
    await expect(connectClient(server.url, articleId, "")).rejects.toThrow(/authentication failed/);
    await expect(connectClient(server.url, "no-such-article", people.owner.token)).rejects.toThrow(/authentication failed/);
  });

  it("closes only the connection that sends a malformed or oversized message", async () => {
    const { articleId } = await newArticle();
    const bystander = await connectClient(server.url, articleId, people.editor.token);
    try {
      for (const message of [Buffer.from([0xff, 0xff, 0xff, 0xff, 0x01]), Buffer.alloc(17 * 1024 * 1024, 1)]) {
        const raw = new WebSocket(server.url);
        await new Promise((resolve) => raw.once("open", resolve));
        const closed = new Promise<number>((resolve) => raw.once("close", (code) => resolve(code)));
        raw.send(message);
        expect(await closed).toBeGreaterThanOrEqual(1000);
      }
      editContent(bystander.content.document, (tr) => tr.insert(1, articleSchema.text("Still working. ")));
      await eventually(async () => (await articleText(articleId)).startsWith("Still working."), 5000, "the bystander's edit");
    } finally {
      bystander.destroy();
    }
  });

  it("orphans a tag whose words are all deleted, keeps it, and restores it when the words come back", async () => {
    const { articleId, text } = await newArticle();
    const created = await server.live.create(await editorAccess("editor", articleId), {
      label: "quote",
      span: { start: text.indexOf("waited outside"), end: text.indexOf("waited outside") + 14, unit: "utf16" },
    });
    if (!created.ok) throw new Error(created.message);
    const client = await connectClient(server.url, articleId, people.editor.token);
    try {
      editContent(client.content.document, (tr, projection) => {
        const at = projection.text.indexOf(" waited outside");
        tr.delete(projection.positions[at]!, projection.positions[at + 15 - 1]! + 1);
      });
      await eventually(
        async () => (await prisma.annotation.findUniqueOrThrow({ where: { id: created.value.id } })).orphanedAt !== null,
        5000,
        "the orphan",
      );
      const orphan = await prisma.annotation.findUniqueOrThrow({ where: { id: created.value.id } });
      expect(orphan).toMatchObject({ start: null, end: null, text: "waited outside" });
      editContent(client.content.document, (tr, projection) => {
        tr.insert(projection.positions[projection.text.indexOf("volunteers") + 10]!, articleSchema.text(" waited outside"));
      });
      await eventually(async () => (await articleText(articleId)).includes("waited outside"), 5000, "the words back");
      const restored = await server.live.restore(await editorAccess("editor", articleId), created.value.id, {
        text: orphan.text,
        start: null,
      });
      expect(restored.ok).toBe(true);
      const row = await prisma.annotation.findUniqueOrThrow({ where: { id: created.value.id } });
      expect(row).toMatchObject({ text: "waited outside", orphanedAt: null });
    } finally {
      client.destroy();
    }
  });

  it("keeps everything across a restart of the server", async () => {
    const { articleId } = await newArticle();
    let restarting = await startCollabServer();
    try {
      const tagged = await restarting.live.create(await editorAccess("editor", articleId), {
        label: "actor",
        span: { start: 33, end: 41, unit: "codepoint" },
      });
      if (!tagged.ok) throw new Error(tagged.message);
      const client = await connectClient(restarting.url, articleId, people.editor.token);
      editContent(client.content.document, (tr) => tr.insert(1, articleSchema.text("Before restart. ")));
      await eventually(
        async () =>
          (await prisma.articleDocumentUpdate.count({ where: { articleId } })) > 0 ||
          (await articleText(articleId)).startsWith("Before restart."),
        5000,
        "the update stored",
      );
      client.destroy();
      await restarting.close();
      restarting = await startCollabServer();
      const again = await connectClient(restarting.url, articleId, people.viewer.token);
      try {
        expect(projectContent(again.content.document).text.startsWith("Before restart. ")).toBe(true);
        expect(readTags(again.tags.document).get(tagged.value.id)?.label).toBe("actor");
      } finally {
        again.destroy();
      }
    } finally {
      await restarting.close();
    }
  });

  it("keeps an article loaded for a while after its last reader leaves, stored, and unloads it after", async () => {
    const { articleId } = await newArticle();
    const clock = manualClock();
    const keeping = await startCollabServer({ keepLoadedMs: 60_000, clock });
    const names = [`article:${articleId}`, `article:${articleId}:tags`];
    const loaded = () => names.filter((name) => keeping.collaboration.loaded(name)).length;
    try {
      const first = await connectClient(keeping.url, articleId, people.editor.token);
      editContent(first.content.document, (tr) => tr.insert(1, articleSchema.text("Kept. ")));
      await eventually(async () => (await prisma.articleDocumentUpdate.count({ where: { articleId } })) > 0, 5000, "the update appended");
      first.destroy();
      // Stored as the reader leaves, though still loaded: each document has asked to unload and was kept.
      await eventually(async () => (await articleText(articleId)).startsWith("Kept. "), 5000, "the store");
      await eventually(() => clock.pending === 2, 5000, "both documents kept");
      expect(loaded()).toBe(2);
      // A reader coming back meanwhile finds it loaded, and restarts the wait when leaving.
      clock.advance(30_000);
      expect(loaded()).toBe(2);
      const second = await connectClient(keeping.url, articleId, people.viewer.token);
      expect(projectContent(second.content.document).text.startsWith("Kept. ")).toBe(true);
      second.destroy();
      await eventually(() => clock.pending === 4, 5000, "both documents kept again");
      // A minute after the first reader left, but half a minute after the second: still loaded.
      clock.advance(30_000);
      await eventually(() => clock.pending === 4, 5000, "the first waits asked again and kept them");
      expect(loaded()).toBe(2);
      // A minute after the second reader left: unloaded.
      clock.advance(30_000);
      await eventually(() => loaded() === 0, 5000, "the documents unloaded");
    } finally {
      await keeping.close();
    }
  });
});
