/**
 * listPreviewTags: the tags the article page paints from the projection before the live documents sync.
 * It must show exactly what the reader's editor will: a blind annotator's own tags only until they mark
 * their work done, no rejected tags (hidden by the editor's filters), no orphans (they have no words).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getArticle } from "@/lib/articles/data";
import { authorizeArticle } from "@/lib/auth/project-access";
import { prisma } from "@/lib/db/prisma";
import { person, review, tag, type Person, type Server } from "@/lib/export/test-support";
import { setWorkDone } from "@/lib/review/mutations";
import { actorFor } from "@/lib/testing/actors";
import { connectClient, eventually, startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";
import { listPreviewTags } from "./data";
import { editContent } from "./documents";
import { placeTags } from "./tagged-content";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz — the county clerk 🗳️.\n\nMore than 200 volunteers waited outside.";

let server: Server;
let first: Person;
let second: Person;
let reviewer: Person;

beforeAll(async () => {
  server = await startCollabServer();
  [first, second, reviewer] = await Promise.all([person("First"), person("Second"), person("Reviewer")]);
});

afterAll(async () => {
  await server.close();
});

async function accessOf(who: Person, articleId: string) {
  const access = await authorizeArticle(await actorFor(who), articleId, "project:read");
  if (!access.ok) throw new Error(access.message);
  return access.value;
}

const wordsFor = async (who: Person, articleId: string) =>
  (await listPreviewTags(await accessOf(who, articleId))).map((row) => row.text).sort();

describe("the tags of the article page's preview", () => {
  it("are a blind annotator's own until they mark their work done; a reviewer's are everyone's", async () => {
    const { slug, projectId } = await createProjectWith({ editor: [first, second], reviewer: [reviewer] });
    await prisma.project.update({ where: { id: projectId }, data: { blindAnnotation: true } });
    const articleId = (await createArticle(slug, { title: "Count", text: TEXT })).id;
    await tag(server, first, articleId, TEXT, "actor", "Ana Ruiz");
    await tag(server, second, articleId, TEXT, "figure", "1,219 ballots");

    expect(await wordsFor(first, articleId)).toEqual(["Ana Ruiz"]);
    expect(await wordsFor(second, articleId)).toEqual(["1,219 ballots"]);
    expect(await wordsFor(reviewer, articleId)).toEqual(["1,219 ballots", "Ana Ruiz"]);

    const access = await authorizeArticle(await actorFor(second), articleId, "annotations:create");
    if (!access.ok) throw new Error(access.message);
    await setWorkDone(access.value, true);
    expect(await wordsFor(second, articleId)).toEqual(["1,219 ballots", "Ana Ruiz"]);
    expect(await wordsFor(first, articleId)).toEqual(["Ana Ruiz"]);
  });

  it("leave out rejected tags and orphans, and land on their words in the stored content", async () => {
    const { slug } = await createProjectWith({ editor: [first], reviewer: [reviewer] });
    const articleId = (await createArticle(slug, { title: "Count", text: TEXT })).id;
    await tag(server, first, articleId, TEXT, "claim", "the county clerk 🗳️.\n\nMore than 200");
    const accepted = await tag(server, first, articleId, TEXT, "actor", "Ana Ruiz");
    const rejected = await tag(server, first, articleId, TEXT, "figure", "1,219");
    const orphan = await tag(server, first, articleId, TEXT, "quote", "waited outside");
    await review(server, reviewer, articleId, accepted, "accept");
    await review(server, reviewer, articleId, rejected, "reject");
    const client = await connectClient(server.url, articleId, first.token);
    try {
      editContent(client.content.document, (tr, projection) => {
        const at = projection.text.indexOf(" waited outside");
        tr.delete(projection.positions[at]!, projection.positions[at + " waited outside".length - 1]! + 1);
      });
      await eventually(async () => (await prisma.annotation.findUniqueOrThrow({ where: { id: orphan } })).orphanedAt !== null);
    } finally {
      client.destroy();
    }

    const access = await accessOf(reviewer, articleId);
    const tags = await listPreviewTags(access);
    expect(tags.map(({ label, status, text }) => ({ label, status, text })).sort((a, b) => a.label.localeCompare(b.label))).toEqual([
      { label: "actor", status: "accepted", text: "Ana Ruiz" },
      { label: "claim", status: "pending", text: "the county clerk 🗳️.\n\nMore than 200" },
    ]);
    // Offsets in code points of the stored text, which the stored content spells out: the preview keeps both.
    expect(placeTags((await getArticle(access)).content, tags)).toHaveLength(2);
  });
});
