import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projectExport from "@/app/api/projects/[slug]/export/route";
import * as datasetImport from "@/app/api/projects/[slug]/imports/dataset/route";
import * as health from "@/app/api/health/route";
import { authorizeArticle, unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { prisma } from "@/lib/db/prisma";
import { actorFor } from "@/lib/testing/actors";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";
import { importDataset } from "./import-dataset";
import { DATASET_FORMAT, DATASET_FORMAT_VERSION, type ExportArticle } from "./shape";
import { assertSlices, assertValid, bodyText, call, person, review, tag, type Person, type Server } from "./test-support";

const TEXT_A = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the county clerk.\n\nMore than 200 volunteers 👩🏽‍🤝‍👩🏻 waited outside.";
const TEXT_B = "😀 The 𝒳 council’s chair, Li Wei, said 40% agreed.";
const TEXT_C = "Nobody tagged this one.";

type Dataset = { articles: ExportArticle[]; offsetUnit: string; datasetVersion: string };

let server: Server;
let source: string;
const people = {} as Record<"owner" | "editor" | "second" | "reviewer" | "viewer" | "importer", Person>;

beforeAll(async () => {
  server = await startCollabServer();
  for (const role of ["owner", "editor", "second", "reviewer", "viewer", "importer"] as const) people[role] = await person(role);
  const created = await createProjectWith({ owner: [people.owner], editor: [people.editor, people.second], reviewer: [people.reviewer] });
  source = created.slug;
  // Agreeing annotators' tags are merged into one accepted by Margin itself.
  await prisma.project.update({ where: { id: created.projectId }, data: { autoAcceptAgreement: true } });
  const a = (
    await createArticle(source, {
      title: "The count",
      text: TEXT_A,
      byline: "By Ana Ruiz",
      url: "https://courier.example/count",
      publishedAt: new Date("2026-03-12T06:30:00Z"),
      language: "en",
    })
  ).id;
  const b = (await createArticle(source, { title: "Council", text: TEXT_B })).id;
  await createArticle(source, { title: "Untagged", text: TEXT_C });
  const actor = await tag(server, people.editor, a, TEXT_A, "actor", "Ana Ruiz", { canonicalName: "Ana Ruiz", kind: "person" });
  await tag(server, people.editor, a, TEXT_A, "quote", "“We counted 1,219 ballots,”", { speakerId: actor, direct: true });
  const figure = await tag(server, people.second, a, TEXT_A, "figure", "More than 200 volunteers");
  await tag(server, people.editor, a, TEXT_A, "figure", "More than 200 volunteers");
  const chair = await tag(server, people.second, b, TEXT_B, "actor", "Li Wei", { kind: "person" });
  await tag(server, people.second, b, TEXT_B, "claim", "40% agreed", { sourceId: chair });
  await review(server, people.reviewer, a, actor, "accept", "Named");
  await review(server, people.reviewer, b, chair, "reject", "Not the chair");
  await review(server, people.reviewer, b, chair, "accept", undefined, "rejected");
  expect(figure).toBeTruthy();
});

afterAll(async () => {
  await server.close();
});

async function exportOf(slug: string, offsetUnit = "codepoint"): Promise<Dataset> {
  const who = slug === source ? people.owner : people.importer;
  const response = await call(projectExport.GET, { slug }, { token: who.token, query: { format: "json", offsetUnit } });
  expect(response.status).toBe(200);
  return JSON.parse(await bodyText(response));
}

const importInto = (slug: string, who: Person, body: unknown, name = "source.json") =>
  call(datasetImport.POST, { slug }, { token: who.token, body, query: { name } });

/** The dataset without what an import renumbers: article and tag ids (links become the linked tag's span). */
function comparable(dataset: Dataset) {
  return dataset.articles
    .map((article) => {
      const where = new Map(article.tags.map((item) => [item.id, `${item.label}@${item.start}-${item.end}`]));
      const { id: _id, tags, relations, ...rest } = article;
      return {
        ...rest,
        // Each project has its own records: the record is compared by its name (actorName).
        tags: tags.map(({ id: _tagId, attributes: { actorId: _record, ...attributes }, ...fields }) => ({
          ...fields,
          attributes: {
            ...attributes,
            ...(attributes.speakerId ? { speakerId: where.get(attributes.speakerId) } : {}),
            ...(attributes.sourceId ? { sourceId: where.get(attributes.sourceId) } : {}),
          },
        })),
        relations: relations.map((relation) => ({ from: where.get(relation.from), to: where.get(relation.to), type: relation.type })),
      };
    })
    .sort((x, y) => (x.text < y.text ? -1 : 1));
}

describe("margin-json import", () => {
  it("reproduces the articles, tags, attributes, relations, authors and decisions of a json export", async () => {
    const exported = await exportOf(source, "utf16");
    assertValid(exported);
    const margin = exported.articles.flatMap((article) => article.tags).find((item) => item.authors.length === 2);
    expect(margin?.reviews.at(-1)?.reviewer.id).toBe("margin");
    // The source's people are members of the target, and an owner imports: authors and decisions stand.
    const target = await createProjectWith({
      owner: [people.importer],
      editor: [people.editor, people.second],
      reviewer: [people.reviewer],
    });
    const response = await importInto(target.slug, people.importer, exported);
    expect(response.status).toBe(200);
    const { results } = await response.json();
    expect(results.map((result: { status: string; tags?: number }) => [result.status, result.tags])).toEqual([
      ["imported", expect.any(Number)],
      ["imported", expect.any(Number)],
      ["imported", expect.any(Number)],
    ]);
    const again = await exportOf(target.slug, "utf16");
    assertValid(again);
    assertSlices(again.articles, "utf16");
    expect(comparable(again)).toEqual(comparable(exported));
    expect(again.articles.flatMap((article) => article.tags.map((item) => item.id))).not.toContain(exported.articles[0]!.tags[0]!.id);
    // Margin's own decision stays Margin's.
    const merged = again.articles.flatMap((article) => article.tags).find((item) => item.authors.length === 2)!;
    expect(merged.reviews.at(-1)?.reviewer).toEqual(margin!.reviews.at(-1)!.reviewer);
  });

  it("builds the live documents of tagged articles at import, which the live server then opens", async () => {
    const target = await createProjectWith({ owner: [people.importer] });
    const exported = await exportOf(source);
    await importInto(target.slug, people.importer, exported);
    const imported = await exportOf(target.slug);
    const article = imported.articles.find((item) => item.text === TEXT_A)!;
    const stored = await prisma.articleDocument.findMany({
      where: { article: { projectId: target.projectId } },
      select: { articleId: true, name: true },
    });
    const untagged = imported.articles.find((item) => item.text === TEXT_C)!;
    expect(
      stored
        .filter((row) => row.articleId === article.id)
        .map((row) => row.name)
        .sort(),
    ).toEqual(["content", "tags"]);
    // An untagged article has nothing to build from rows: its documents come from its content when opened.
    expect(stored.some((row) => row.articleId === untagged.id)).toBe(false);
    const quote = article.tags.find((item) => item.label === "quote")!;
    const access = await authorizeArticle(await actorFor(people.importer), article.id, "annotations:create");
    if (!access.ok) throw new Error(access.message);
    expect((await server.live.update(access.value, quote.id, { note: "Checked against the tape" })).ok).toBe(true);
    const after = (await exportOf(target.slug)).articles.find((item) => item.id === article.id)!;
    expect(after.tags.map(({ note: _note, updatedAt: _updated, ...rest }) => rest)).toEqual(
      article.tags.map(({ note: _note, updatedAt: _updated, ...rest }) => rest),
    );
    expect(after.tags.find((item) => item.id === quote.id)!.note).toBe("Checked against the tape");
  });

  it("matches people by email among the project's members only, and stands the importer in for anyone else", async () => {
    const exported = await exportOf(source);
    const stranger = { id: "u-gone", email: "gone@elsewhere.example", name: "Gone" };
    const [first] = exported.articles.filter((article) => article.tags.length);
    // people.editor has an account but is not a member of the target: the import must not name them.
    first!.tags[0]!.authors = [
      stranger,
      { id: "x", email: people.second.email.toUpperCase(), name: null },
      { id: "y", email: people.editor.email, name: null },
    ];
    const target = await createProjectWith({ owner: [people.importer], editor: [people.second] });
    await importInto(target.slug, people.importer, { ...exported, articles: [first] });
    const [article] = (await exportOf(target.slug)).articles;
    expect(article!.tags[0]!.authors.map((author) => author.email)).toEqual([people.importer.email, people.second.email]);
  });

  it("keeps an editor's import from deciding: tags arrive pending, the claims go into their history", async () => {
    const exported = await exportOf(source);
    const target = await createProjectWith({ owner: [people.owner], editor: [people.importer], reviewer: [people.reviewer] });
    const decided = exported.articles.find((article) => article.tags.some((item) => item.status === "accepted"))!;
    const article = { ...structuredClone(decided), status: "done" as const };
    const response = await importInto(target.slug, people.importer, { ...exported, articles: [article] }, "forged.json");
    expect(response.status).toBe(200);
    const [imported] = (await exportOf(target.slug)).articles;
    expect(imported!.status).toBe("in_progress");
    expect(imported!.tags.map((item) => [item.status, item.reviews.length])).toEqual(imported!.tags.map(() => ["pending", 0]));
    expect(await prisma.annotationReview.count({ where: { article: { projectId: target.projectId } } })).toBe(0);
    // What the dataset claimed is kept as provenance, by the importer, in each tag's history.
    const events = await prisma.annotationEvent.findMany({ where: { article: { projectId: target.projectId }, kind: "imported" } });
    expect(events).toHaveLength(article.tags.length);
    const accepted = article.tags.find((item) => item.status === "accepted")!;
    expect(events.map((event) => event.data)).toContainEqual(
      expect.objectContaining({
        from: "forged.json",
        id: accepted.id,
        status: "accepted",
        decisionsKept: false,
        reviews: accepted.reviews.map((item) => expect.objectContaining({ reviewer: item.reviewer.email, decision: item.decision })),
      }),
    );
    expect(new Set(events.map((event) => event.actorId))).toEqual(new Set([people.importer.id]));
  });

  it("reports duplicates and bad articles, each alone, and writes nothing of them", async () => {
    const exported = await exportOf(source);
    const target = await createProjectWith({ owner: [people.importer] });
    await importInto(target.slug, people.importer, { ...exported, articles: [exported.articles[0]] });
    const tagsBefore = await prisma.annotation.count({ where: { article: { projectId: target.projectId } } });
    const withTags = exported.articles.filter((article) => article.tags.length);
    const wrongWords = structuredClone(withTags[0]!);
    wrongWords.text = `${wrongWords.text}\n\nA line of its own.`;
    wrongWords.tags[0]!.text = "something else";
    const notCanonical = {
      ...structuredClone(exported.articles.find((article) => article.tags.length === 0)!),
      text: "Two  spaces\r\nand a CR line ",
    };
    const badLabel = structuredClone(withTags[1]!);
    (badLabel.tags[0] as { label: string }).label = "person";
    // A tag ending between a woman and the zero-width joiner of "👩‍💻" (an older export could hold one).
    const halfEmoji = {
      ...structuredClone(withTags[0]!),
      text: "The coder 👩‍💻 spoke.",
      tags: [{ ...structuredClone(withTags[0]!.tags[0]!), label: "actor" as const, attributes: {}, start: 4, end: 11, text: "coder 👩" }],
      relations: [],
    };
    const response = await importInto(
      target.slug,
      people.importer,
      { ...exported, articles: [exported.articles[0], wrongWords, notCanonical, badLabel, halfEmoji] },
      "mixed.json",
    );
    const { results } = await response.json();
    expect(results).toEqual([
      { label: expect.stringMatching(/^mixed.json#1/), status: "duplicate", id: expect.any(String), title: exported.articles[0]!.title },
      { label: "mixed.json#2", status: "failed", error: expect.stringMatching(/is ".+", not "something else"/) },
      { label: "mixed.json#3", status: "failed", error: expect.stringMatching(/canonical form/) },
      { label: "mixed.json#4", status: "failed", error: expect.stringMatching(/label: must be one of actor, claim, figure, quote/) },
      {
        label: "mixed.json#5",
        status: "failed",
        error: expect.stringMatching(/end 11 \(codepoint\) splits the character "👩‍💻" \(U\+1F469 U\+200D U\+1F4BB\)/),
      },
    ]);
    expect(await prisma.article.count({ where: { projectId: target.projectId } })).toBe(1);
    expect(await prisma.annotation.count({ where: { article: { projectId: target.projectId } } })).toBe(tagsBefore);
  });

  it("refuses text PostgreSQL cannot store: the whole body over HTTP (400), the article alone from a file", async () => {
    const exported = await exportOf(source);
    const target = await createProjectWith({ owner: [people.importer] });
    const withNul = structuredClone(exported.articles.find((article) => article.tags.length)!);
    withNul.tags[0]!.note = "a note\u0000";
    const response = await importInto(target.slug, people.importer, { ...exported, articles: [withNul] });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toEqual({
      code: "bad_request",
      message: "articles.0.tags.0.note holds a NUL character or an unpaired surrogate, which cannot be stored",
      field: "articles.0.tags.0.note",
    });
    // The CLI reads files itself (lib/cli/export-commands.ts): each article is checked on its own.
    const access = (await unsafeOperatorProjectAccess(target.slug, "articles:import"))!;
    const { results } = await importDataset(
      access,
      { name: "lines.jsonl", offsetUnit: "codepoint", articles: [withNul] },
      people.importer.id,
    );
    expect(results).toEqual([
      {
        label: "lines.jsonl#1",
        status: "failed",
        error: "tags.0.note holds a NUL character or an unpaired surrogate, which cannot be stored",
      },
    ]);
    expect(await prisma.article.count({ where: { projectId: target.projectId } })).toBe(0);
  });

  it("refuses what is not a dataset (400) and members who may not import (403)", async () => {
    const target = await createProjectWith({ owner: [people.importer], reviewer: [people.reviewer], viewer: [people.viewer] });
    for (const body of [
      { articles: [] },
      { format: "margin-dataset", formatVersion: "9.0", offsetUnit: "codepoint", articles: [] },
      "not json at all",
    ]) {
      const response = await importInto(target.slug, people.importer, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).error.field).toBe("file");
    }
    const exported = await exportOf(source);
    expect((await importInto(target.slug, people.reviewer, exported)).status).toBe(403);
    expect((await importInto(target.slug, people.viewer, exported)).status).toBe(403);
    expect((await importInto(source, people.importer, exported)).status).toBe(404);
    expect(await prisma.article.count({ where: { projectId: target.projectId } })).toBe(0);
  });

  it("counts every article, lists the first results and the first failures after them, and says how many more", async () => {
    const exported = await exportOf(source);
    const target = await createProjectWith({ owner: [people.importer] });
    const access = (await unsafeOperatorProjectAccess(target.slug, "articles:import"))!;
    const articles = [...Array.from({ length: 4 }, () => ({})), exported.articles[0], {}, exported.articles[0], {}];
    const report = await importDataset(access, { name: "d.json", offsetUnit: "codepoint", articles }, people.importer.id, { listed: 2 });
    expect(report).toEqual({
      counts: { imported: 1, duplicate: 1, failed: 6 },
      tags: exported.articles[0]!.tags.length,
      results: ["d.json#1", "d.json#2", "d.json#3", "d.json#4"].map((label) => ({ label, status: "failed", error: expect.any(String) })),
      more: 4,
    });
  });

  it("refuses a dataset of more articles than the limit before importing any", async () => {
    const exported = await exportOf(source);
    const target = await createProjectWith({ owner: [people.importer] });
    process.env.MARGIN_DATASET_IMPORT_MAX_ARTICLES = "2";
    try {
      const response = await importInto(target.slug, people.importer, exported);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toEqual({
        code: "bad_request",
        message: "The dataset holds more than 2 articles: import it in parts, or with the CLI",
        field: "file",
      });
    } finally {
      delete process.env.MARGIN_DATASET_IMPORT_MAX_ARTICLES;
    }
    expect(await prisma.article.count({ where: { projectId: target.projectId } })).toBe(0);
  });

  it("imports 200,000 empty articles with a bounded answer, the server answering other requests meanwhile", async () => {
    const target = await createProjectWith({ owner: [people.importer] });
    const count = 200_000;
    const body = `{"format":"${DATASET_FORMAT}","formatVersion":"${DATASET_FORMAT_VERSION}","offsetUnit":"codepoint","articles":[${"{},".repeat(count - 1)}{}]}`;
    process.env.MARGIN_DATASET_IMPORT_MAX_ARTICLES = String(count);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    const healthChecks: number[] = [];
    let importing = true;
    try {
      const answer = importInto(target.slug, people.importer, body).then(async (response) => ({
        status: response.status,
        text: await response.text(),
      }));
      const checks = (async () => {
        while (importing) {
          const started = performance.now();
          const response = await health.GET(new Request("http://margin.test/api/health"), { params: Promise.resolve({}) });
          expect(response.status).toBe(200);
          healthChecks.push(performance.now() - started);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      const { status, text } = await answer.finally(() => (importing = false));
      await checks;
      expect(status).toBe(200);
      // A list of 200,000 failures would be some 15 MB; the answer holds the first 100 and 100 more failures.
      expect(text.length).toBeLessThan(64 * 1024);
      const report = JSON.parse(text);
      expect(report.counts).toEqual({ imported: 0, duplicate: 0, failed: count });
      expect(report.results).toHaveLength(200);
      expect(report.more).toBe(count - 200);
      expect(report.results[0]).toEqual({ label: "source.json#1", status: "failed", error: expect.stringMatching(/^id: /) });
    } finally {
      clearInterval(ticker);
      delete process.env.MARGIN_DATASET_IMPORT_MAX_ARTICLES;
    }
    console.log(
      `200,000 empty articles: ${ticks} timer ticks, ${healthChecks.length} health checks (slowest ${Math.max(...healthChecks).toFixed(0)} ms)`,
    );
    // Timers due every millisecond and health checks every 20 ms kept running: the import never held the loop.
    expect(ticks).toBeGreaterThan(50);
    expect(healthChecks.length).toBeGreaterThan(5);
  }, 30_000);
});
