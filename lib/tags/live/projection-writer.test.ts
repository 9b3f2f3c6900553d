import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { ArticleDoc } from "@/lib/articles/content";
import type { ArticleAccess } from "@/lib/auth/context";
import { authorizeArticle } from "@/lib/auth/project-access";
import { prisma } from "@/lib/db/prisma";
import { actorFor } from "@/lib/testing/actors";
import { createArticle, createProjectWith, createUser, ownArticle } from "@/lib/testing/factories";
import { listAnnotations } from "../data";
import { contentFragment, deleteTag, markSpan, projectContent, seedContent, unmarkTag, writeTag } from "../documents";
import type { TagRecord } from "../record";
import { ProjectionWriter } from "./projection-writer";

const CONTENT: ArticleDoc = {
  type: "doc",
  content: [
    { type: "paragraph", content: [{ type: "text", text: "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the clerk." }] },
    { type: "paragraph", content: [{ type: "text", text: "More than 200 volunteers waited; the café stayed open." }] },
  ],
};

let access: ArticleAccess;
let articleId: string;
let userId: string;

beforeAll(async () => {
  const user = await createUser({ name: "Owner" });
  userId = user.id;
  const { slug } = await createProjectWith({ owner: [user] });
  articleId = (await createArticle(slug, { title: "Recount", text: "placeholder" })).id;
  const allowed = await authorizeArticle(await actorFor(user), articleId, "project:read");
  if (!allowed.ok) throw new Error(allowed.message);
  access = allowed.value;
});

const record = (label: TagRecord["label"]): TagRecord => ({
  label,
  authorId: userId,
  authorName: "Owner",
  createdAt: "2026-12-06T10:00:00.000Z",
  updatedAt: "2026-12-06T10:00:00.000Z",
  attributes: {},
  note: null,
  status: "pending",
});

/** Tags `word` (its first occurrence) as `id`. */
function tag(docs: { content: Y.Doc; tags: Y.Doc }, id: string, word: string, label: TagRecord["label"] = "actor") {
  const { text } = projectContent(docs.content);
  const start = text.indexOf(word);
  markSpan(docs.content, id, { start, end: start + word.length });
  writeTag(docs.tags, id, record(label));
}

/** What PostgreSQL holds is what a whole projection of the documents says, in code points. */
async function expectStored(docs: { content: Y.Doc; tags: Y.Doc }) {
  const projection = projectContent(docs.content);
  const stored = await listAnnotations(access, "codepoint", { status: "all" });
  expect(stored.text).toBe(projection.text);
  const ids = [...docs.tags.getMap("tags").keys()].sort();
  expect(stored.annotations.map((row) => row.id).sort()).toEqual(ids);
  for (const row of stored.annotations) {
    const span = projection.spans.get(row.id);
    expect(row.orphaned, row.id).toBe(!span);
    if (span) expect(row.text).toBe(projection.text.slice(span.start, span.end));
    if (!row.orphaned) expect([...stored.text].slice(row.start!, row.end!).join("")).toBe(row.text);
  }
  return stored;
}

describe("the projection writer", () => {
  it("keeps PostgreSQL equal to the documents' projection while it writes only what changed", async () => {
    const epoch = await ownArticle(articleId);
    const docs = { content: new Y.Doc(), tags: new Y.Doc() };
    seedContent(docs.content, CONTENT, []);
    const writer = new ProjectionWriter();
    tag(docs, "ana", "Ana Ruiz");
    tag(docs, "count", "1,219 ballots", "figure");
    await writer.write(articleId, docs, epoch);
    await expectStored(docs);

    // A new tag, then words typed before every tag (all move), then inside one (its words change).
    tag(docs, "cafe", "café", "actor");
    await writer.write(articleId, docs, epoch);
    await expectStored(docs);
    const first = contentFragment(docs.content).get(0) as Y.XmlElement;
    (first.get(0) as Y.XmlText).insert(0, "Officials 👍 say: ");
    await writer.write(articleId, docs, epoch);
    await expectStored(docs);
    const plain = (first.get(0) as Y.XmlText)
      .toDelta()
      .map((op: { insert: string }) => op.insert)
      .join("");
    const offset = plain.indexOf("1,219") + 1;
    (first.get(0) as Y.XmlText).insert(offset, "0");
    await writer.write(articleId, docs, epoch);
    expect((await expectStored(docs)).annotations.find((row) => row.id === "count")!.text).toBe("10,219 ballots");

    // Relabelled, orphaned (its words keep their last text), deleted.
    writeTag(docs.tags, "cafe", { label: "claim" });
    unmarkTag(docs.content, "ana");
    deleteTag(docs.tags, "count", "2026-12-06T10:05:00.000Z");
    await writer.write(articleId, docs, epoch);
    const stored = await expectStored(docs);
    expect(stored.annotations.find((row) => row.id === "cafe")!.label).toBe("claim");
    expect(stored.annotations.find((row) => row.id === "ana")).toMatchObject({ orphaned: true, text: "Ana Ruiz" });

    // Nothing changed: nothing written (the article does not look changed to an incremental export).
    const before = await prisma.article.findUniqueOrThrow({ where: { id: articleId }, select: { updatedAt: true } });
    await writer.write(articleId, docs, epoch);
    expect((await prisma.article.findUniqueOrThrow({ where: { id: articleId }, select: { updatedAt: true } })).updatedAt).toEqual(
      before.updatedAt,
    );
  });

  it("writes everything again under a new epoch, and after a write that failed", async () => {
    const docs = { content: new Y.Doc(), tags: new Y.Doc() };
    seedContent(docs.content, CONTENT, []);
    const writer = new ProjectionWriter();
    const epoch = await ownArticle(articleId);
    tag(docs, "clerk", "clerk");
    await writer.write(articleId, docs, epoch);
    // Rows changed behind the writer's back (another instance owned the article meanwhile) are put right
    // by the first write under the new epoch, not only the rows this process thinks changed.
    await prisma.annotation.updateMany({ where: { articleId, id: "clerk" }, data: { label: "quote" } });
    const next = await ownArticle(articleId);
    tag(docs, "volunteers", "200 volunteers", "figure");
    await expect(writer.write(articleId, docs, epoch)).rejects.toThrow();
    await prisma.annotation.updateMany({ where: { articleId, id: "clerk" }, data: { label: "figure" } });
    await writer.write(articleId, docs, next);
    expect((await expectStored(docs)).annotations.find((row) => row.id === "clerk")!.label).toBe("actor");

    // A writer that has written nothing yet (an article just loaded) compares with what is stored: a row
    // missing and one out of date are put right, the rest left as they are.
    tag(docs, "open", "stayed open", "claim");
    await writer.write(articleId, docs, next);
    await prisma.annotation.deleteMany({ where: { articleId, id: "clerk" } });
    await prisma.annotation.updateMany({ where: { articleId, id: "volunteers" }, data: { start: 0, end: 3, text: "“We" } });
    const untouched = await prisma.annotation.findMany({ where: { articleId }, select: { id: true, updatedAt: true } });
    await new ProjectionWriter().write(articleId, docs, next);
    const stored = await expectStored(docs);
    expect(stored.annotations.find((row) => row.id === "volunteers")!.text).toBe("200 volunteers");
    const after = new Map(
      (await prisma.annotation.findMany({ where: { articleId }, select: { id: true, updatedAt: true } })).map((row) => [
        row.id,
        row.updatedAt,
      ]),
    );
    for (const row of untouched.filter((row) => row.id !== "volunteers" && after.has(row.id)))
      expect(after.get(row.id)).toEqual(row.updatedAt);
  });
});
