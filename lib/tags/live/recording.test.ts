import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { ArticleAccess } from "@/lib/auth/context";
import { authorizeArticle } from "@/lib/auth/project-access";
import { loadDocumentState } from "@/lib/collab/data";
import { actorFor } from "@/lib/testing/actors";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { prisma } from "@/lib/db/prisma";
import { connectClient, eventually, startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import { listAnnotations } from "../data";
import { projectContent, readTags } from "../documents";
import { seedDocuments } from "../mutations";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the county clerk.";

let server: Awaited<ReturnType<typeof startCollabServer>>;
let access: ArticleAccess<"annotations:create">;
let slug: string;
let token: string;

beforeAll(async () => {
  // No store for the whole test: what a tag operation answers for must not wait for one.
  server = await startCollabServer({ debounce: 600_000, maxDebounce: 600_000 });
  const user = await createUser({ name: "Owner" });
  ({ slug } = await createProjectWith({ owner: [user] }));
  token = (await createApiToken(user.id, "recording")).token;
  const articleId = (await createArticle(slug, { title: "Recount", text: TEXT })).id;
  const allowed = await authorizeArticle(await actorFor(user), articleId, "annotations:create");
  if (!allowed.ok) throw new Error(allowed.message);
  access = allowed.value;
});

afterAll(async () => {
  await server.close();
});

/** Both documents as PostgreSQL holds them: the snapshot and every update appended since. */
async function stored(articleId: string) {
  const documents = { content: new Y.Doc(), tags: new Y.Doc() };
  for (const kind of ["content", "tags"] as const) {
    const state = await loadDocumentState(articleId, kind);
    for (const update of state?.updates ?? []) Y.applyUpdate(documents[kind], update);
  }
  return documents;
}

describe("a tag operation, once answered", () => {
  it("is durable and in the projection without a store of the article", async () => {
    const start = TEXT.indexOf("Ana Ruiz");
    const created = await server.live.create(access, { label: "actor", span: { start, end: start + 8, unit: "utf16" } });
    if (!created.ok) throw new Error(created.message);
    const id = created.value.id;

    // The API reads it at once, with exact offsets.
    const rows = await listAnnotations(access, "utf16", { status: "all" });
    expect(rows.annotations.map((row) => [row.id, row.text, rows.text.slice(row.start!, row.end!)])).toEqual([
      [id, "Ana Ruiz", "Ana Ruiz"],
    ]);

    // A crash now loses nothing: PostgreSQL's updates hold both the record and the server's mark.
    const documents = await stored(access.articleId);
    expect(readTags(documents.tags).get(id)?.label).toBe("actor");
    const projection = projectContent(documents.content);
    const span = projection.spans.get(id)!;
    expect(projection.text.slice(span.start, span.end)).toBe("Ana Ruiz");

    // Deleted: the row goes, and so does the mark in what is stored.
    const removed = await server.live.delete(access, id);
    expect(removed.ok).toBe(true);
    expect((await listAnnotations(access, "utf16", { status: "all" })).annotations).toEqual([]);
    expect(projectContent((await stored(access.articleId)).content).spans.has(id)).toBe(false);
  });

  it("is readable at once after opening too: the projection is put right when an article loads", async () => {
    // An article whose rows were imported with its live documents built, and one row changed since (as a
    // projection that missed a write would be).
    const articleId = (await createArticle(slug, { title: "Imported", text: `${TEXT} Imported.` })).id;
    const start = [...TEXT.slice(0, TEXT.indexOf("Ana Ruiz"))].length;
    await prisma.annotation.create({
      data: { id: "ana", articleId, label: "actor", start, end: start + 8, text: "Ana Ruiz", authorId: access.userId!, attributes: {} },
    });
    await seedDocuments(articleId);
    await prisma.annotation.update({ where: { id: "ana" }, data: { label: "quote" } });
    const client = await connectClient(server.url, articleId, token);
    try {
      await eventually(
        async () => (await prisma.annotation.findUniqueOrThrow({ where: { id: "ana" } })).label === "actor",
        10_000,
        "the row put right",
      );
    } finally {
      client.destroy();
    }
  });
});
