import { createHash } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as articleExport from "@/app/api/articles/[id]/export/route";
import * as projectExport from "@/app/api/projects/[slug]/export/route";
import * as schemaRoute from "@/app/api/export/schema/route";
import { prisma } from "@/lib/db/prisma";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";
import schema from "./schema.json";
import type { ExportArticle } from "./shape";
import { assertSlices, assertValid, bodyText, call, jsonlArticles, person, review, tag, type Person, type Server } from "./test-support";

const TEXT_A = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the county clerk.\n\nMore than 200 volunteers waited outside the hall.";
const TEXT_B = "😀 Emoji first: the mayor’s office said 40% of 𝒳 voters 👩🏽‍🤝‍👩🏻 agreed — “maybe”.";
const TEXT_C = "An article nobody has tagged yet.";

let server: Server;
let slug: string;
let projectId: string;
const people = {} as Record<"owner" | "editor" | "second" | "reviewer" | "viewer" | "outsider", Person>;
const ids = {} as Record<"a" | "b" | "c" | "actor" | "quote" | "figure" | "claim" | "emoji", string>;

beforeAll(async () => {
  server = await startCollabServer();
  for (const role of Object.keys({ owner: 0, editor: 0, second: 0, reviewer: 0, viewer: 0, outsider: 0 }) as (keyof typeof people)[])
    people[role] = await person(role);
  ({ slug, projectId } = await createProjectWith({
    owner: [people.owner],
    editor: [people.editor, people.second],
    reviewer: [people.reviewer],
    viewer: [people.viewer],
  }));
  ids.a = (
    await createArticle(slug, {
      title: "The count",
      text: TEXT_A,
      byline: "By Ana Ruiz",
      source: "The Courier",
      url: "https://courier.example/count",
      publishedAt: new Date("2026-03-12T06:30:00Z"),
      language: "en",
    })
  ).id;
  ids.b = (await createArticle(slug, { title: "Emoji first", text: TEXT_B })).id;
  ids.c = (await createArticle(slug, { title: "Untagged", text: TEXT_C })).id;
  ids.actor = await tag(server, people.editor, ids.a, TEXT_A, "actor", "Ana Ruiz", { canonicalName: "Ana Ruiz", kind: "person" });
  ids.quote = await tag(server, people.editor, ids.a, TEXT_A, "quote", "“We counted 1,219 ballots,”", {
    speakerId: ids.actor,
    direct: true,
  });
  ids.figure = await tag(server, people.second, ids.a, TEXT_A, "figure", "1,219");
  ids.claim = await tag(server, people.second, ids.b, TEXT_B, "claim", "40% of 𝒳 voters 👩🏽‍🤝‍👩🏻 agreed");
  ids.emoji = await tag(server, people.editor, ids.b, TEXT_B, "actor", "the mayor’s office");
  await review(server, people.reviewer, ids.a, ids.actor, "accept", "Named in the text");
  await review(server, people.reviewer, ids.a, ids.figure, "reject", "Not a count of people");
});

afterAll(async () => {
  await server.close();
});

const exportProject = (who: Person, query: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  call(projectExport.GET, { slug }, { token: who.token, query, headers });

async function exportJson(who: Person, query: Record<string, string> = {}) {
  const response = await exportProject(who, { format: "json", ...query });
  expect(response.status, await response.clone().text()).toBe(200);
  const document: unknown = JSON.parse(await bodyText(response));
  // Every export these tests read is checked against the published schema.
  assertValid(document);
  return document as {
    articles: ExportArticle[];
    datasetVersion: string;
    articleCount: number;
    tagCount: number;
    filters: Record<string, unknown>;
    offsetUnit: string;
  };
}

const tagIds = (document: { articles: ExportArticle[] }) =>
  document.articles.flatMap((article) => article.tags.map((item) => item.id)).sort();
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe("project export: the dataset", () => {
  it.each(["codepoint", "utf16"] as const)("is valid against the published schema, and every span slices its text in %s", async (unit) => {
    const document = await exportJson(people.owner, { offsetUnit: unit });
    assertValid(document);
    expect(document.offsetUnit).toBe(unit);
    expect(assertSlices(document.articles, unit)).toBe(5);
    const a = document.articles.find((article) => article.id === ids.a)!;
    expect(a).toMatchObject({
      title: "The count",
      byline: "By Ana Ruiz",
      source: "The Courier",
      url: "https://courier.example/count",
      publishedAt: "2026-03-12T06:30:00.000Z",
      language: "en",
      text: TEXT_A,
      status: "in_progress",
    });
    expect(a.relations).toEqual([{ from: ids.quote, to: ids.actor, type: "speaker" }]);
    const actor = a.tags.find((item) => item.id === ids.actor)!;
    expect(actor).toMatchObject({
      label: "actor",
      text: "Ana Ruiz",
      status: "accepted",
      attributes: { canonicalName: "Ana Ruiz", kind: "person" },
      authors: [{ id: people.editor.id, email: people.editor.email, name: "editor" }],
    });
    expect(actor.reviews).toEqual([
      {
        reviewer: { id: people.reviewer.id, email: people.reviewer.email, name: "reviewer" },
        decision: "accept",
        at: expect.any(String),
        comment: "Named in the text",
      },
    ]);
    expect(a.tags.find((item) => item.id === ids.figure)).toMatchObject({
      status: "rejected",
      reviews: [{ decision: "reject", comment: "Not a count of people" }],
    });
    // The astral characters before the claim count once in code points and twice in UTF-16.
    const claim = document.articles.find((article) => article.id === ids.b)!.tags.find((item) => item.id === ids.claim)!;
    expect(claim.start).toBe(unit === "codepoint" ? [...TEXT_B.slice(0, TEXT_B.indexOf("40%"))].length : TEXT_B.indexOf("40%"));
    expect(claim.prefix).toBe([...TEXT_B.slice(0, TEXT_B.indexOf("40%"))].slice(-32).join(""));
  });

  it("holds every article by id, tags by start, end and id, and the untagged article too", async () => {
    const document = await exportJson(people.owner);
    expect(document.articles.map((article) => article.id)).toEqual([ids.a, ids.b, ids.c].sort(byId));
    expect(document.articles.find((article) => article.id === ids.c)!.tags).toEqual([]);
    for (const article of document.articles) {
      const order = article.tags.map((item) => [item.start, item.end, item.id] as const);
      expect(order).toEqual([...order].sort((x, y) => x[0] - y[0] || x[1] - y[1] || byId(x[2], y[2])));
    }
    expect(document).toMatchObject({ articleCount: 3, tagCount: 5 });
  });

  it("gives identical bytes twice, and its dataset version is the SHA-256 of the jsonl body", async () => {
    const first = await bodyText(await exportProject(people.owner, { format: "json" }));
    const second = await bodyText(await exportProject(people.owner, { format: "json" }));
    expect(second).toBe(first);
    const jsonl = await bodyText(await exportProject(people.owner, { format: "jsonl" }));
    expect(jsonl.split("\n").filter(Boolean)).toHaveLength(3);
    for (const line of jsonlArticles(jsonl)) assertValid(line, "article");
    expect(JSON.parse(first).datasetVersion).toBe(createHash("sha256").update(jsonl).digest("hex"));
    const csv = await bodyText(await exportProject(people.owner, { format: "csv" }));
    expect(await bodyText(await exportProject(people.owner, { format: "csv" }))).toBe(csv);
  });

  it("answers with a download name and what it is in headers, and leaves compression to the server", async () => {
    const plain = await exportProject(people.owner, { format: "jsonl" }, { "accept-encoding": "gzip" });
    const day = new Date().toISOString().slice(0, 10).replaceAll("-", "");
    expect(plain.headers.get("content-disposition")).toBe(`attachment; filename="${slug}-${day}.jsonl"`);
    expect(plain.headers.get("content-type")).toMatch(/^application\/jsonl; charset=utf-8/);
    // The route does not compress: the server does (server/main.ts), and Next.js would drop the header anyway.
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(
      Object.fromEntries(
        ["x-margin-format", "x-margin-format-version", "x-margin-offset-unit", "x-margin-article-count", "x-margin-tag-count"].map(
          (name) => [name, plain.headers.get(name)],
        ),
      ),
    ).toEqual({
      "x-margin-format": "jsonl",
      "x-margin-format-version": "1.0",
      "x-margin-offset-unit": "codepoint",
      "x-margin-article-count": "3",
      "x-margin-tag-count": "5",
    });
    expect(jsonlArticles(await bodyText(plain))).toHaveLength(3);
    expect((await exportProject(people.owner, { format: "conll" })).headers.get("x-margin-offset-unit")).toBe("none");
    // The dataset-level fields json has in its body; a jsonl export's lines are all articles.
    const filtered = await exportProject(people.owner, { format: "jsonl", labels: "quote,actor", status: "pending" });
    expect(
      Object.fromEntries(
        ["x-margin-project", "x-margin-labels", "x-margin-filters", "link"].map((name) => [name, filtered.headers.get(name)]),
      ),
    ).toEqual({
      "x-margin-project": slug,
      "x-margin-labels": "actor,quote",
      "x-margin-filters": "status=pending&labels=actor%2Cquote",
      link: '</api/export/schema>; rel="describedby"',
    });
    await bodyText(filtered);
  });

  it("streams every format with its own type and extension", async () => {
    const expected = {
      json: "application/json",
      jsonl: "application/jsonl",
      csv: "text/csv",
      w3c: "application/ld+json",
      conll: "text/plain",
      "conll-columns": "text/plain",
      spacy: "application/jsonl",
      labelstudio: "application/json",
      doccano: "application/jsonl",
      brat: "application/zip",
    };
    for (const [format, type] of Object.entries(expected)) {
      const response = await exportProject(people.owner, { format });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain(type);
      expect(response.headers.get("x-margin-format")).toBe(format);
      if (format === "brat") {
        // The zip's texts are the articles' texts, byte for byte.
        const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
        expect(response.headers.get("content-disposition")).toMatch(/\.brat\.zip"$/);
        expect([ids.a, ids.b, ids.c].map((id) => strFromU8(files[`${slug}/${id}.txt`]!))).toEqual([TEXT_A, TEXT_B, TEXT_C]);
        continue;
      }
      const body = await bodyText(response);
      expect(body.length).toBeGreaterThan(0);
      if (format === "csv") expect(body.trimEnd().split("\r\n")).toHaveLength(1 + 5);
      if (format === "conll") expect(body.match(/^-DOCSTART- -X- -X- O$/gm)).toHaveLength(3);
      if (format === "conll-columns") expect(body.match(/^-DOCSTART-\t/gm)).toHaveLength(3);
      if (format === "doccano") expect(body.trimEnd().split("\n")).toHaveLength(3);
      if (format === "spacy")
        expect(
          body
            .trimEnd()
            .split("\n")
            .map((line) => JSON.parse(line).text),
        ).toEqual([ids.a, ids.b, ids.c].sort(byId).map((id) => ({ [ids.a]: TEXT_A, [ids.b]: TEXT_B, [ids.c]: TEXT_C })[id]));
    }
  });

  it("serves its JSON Schema", async () => {
    const response = schemaRoute.GET();
    expect(response.headers.get("content-type")).toContain("application/schema+json");
    expect(await response.json()).toEqual(schema);
  });
});

describe("project export: filters", () => {
  it("labels, annotators (by email or id), articles and articleStatus", async () => {
    const quotes = await exportJson(people.owner, { labels: "quote" });
    expect(quotes.articles.map((article) => article.id)).toEqual([ids.a]);
    expect(tagIds(quotes)).toEqual([ids.quote]);
    // The speaker is filtered out: the attribute stays, the edge goes.
    expect(quotes.articles[0]!.relations).toEqual([]);
    expect(quotes.articles[0]!.tags[0]!.attributes).toEqual({ speakerId: ids.actor, direct: true });
    expect(quotes.filters).toEqual({ status: "all", labels: ["quote"] });

    const bySecond = await exportJson(people.owner, { annotators: people.second.email.toUpperCase() });
    expect(tagIds(bySecond)).toEqual([ids.figure, ids.claim].sort());
    expect(bySecond.filters.annotators).toEqual([people.second.id]);
    expect(tagIds(await exportJson(people.owner, { annotators: `${people.second.id},${people.editor.email}` }))).toEqual(
      [ids.figure, ids.claim, ids.actor, ids.quote, ids.emoji].sort(),
    );

    expect((await exportJson(people.owner, { articles: `${ids.c},${ids.b}` })).articles.map((article) => article.id)).toEqual(
      [ids.b, ids.c].sort(byId),
    );
    await prisma.article.update({ where: { id: ids.b }, data: { status: "done" } });
    try {
      expect((await exportJson(people.owner, { articleStatus: "done,in_review" })).articles.map((article) => article.id)).toEqual([ids.b]);
    } finally {
      await prisma.article.update({ where: { id: ids.b }, data: { status: "in_progress" } });
    }
  });

  it("status: accepted (or gold), pending, rejected; with a tag filter, articles without such tags are left out", async () => {
    const gold = await exportJson(people.owner, { status: "gold" });
    expect(tagIds(gold)).toEqual([ids.actor]);
    expect(gold.articles.map((article) => article.id)).toEqual([ids.a]);
    expect(gold.filters).toEqual({ status: "accepted" });
    expect(tagIds(await exportJson(people.owner, { status: "accepted" }))).toEqual([ids.actor]);
    expect(tagIds(await exportJson(people.owner, { status: "rejected" }))).toEqual([ids.figure]);
    expect(tagIds(await exportJson(people.owner, { status: "pending" }))).toEqual([ids.quote, ids.claim, ids.emoji].sort());
    expect((await exportJson(people.owner, { status: "all" })).articles).toHaveLength(3);
  });

  it("updatedSince: articles whose row, a tag or a decision changed at or after it", async () => {
    expect((await exportJson(people.owner, { updatedSince: "2000-01-01" })).articles).toHaveLength(3);
    expect((await exportJson(people.owner, { updatedSince: "2999-01-01T00:00:00Z" })).articles).toHaveLength(0);
    const since = new Date(Date.now() + 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await review(server, people.reviewer, ids.b, ids.emoji, "accept");
    const changed = await exportJson(people.owner, { updatedSince: since.toISOString() });
    expect(changed.articles.map((article) => article.id)).toEqual([ids.b]);
    expect(changed.filters.updatedSince).toBe(since.toISOString());
    await prisma.article.update({ where: { id: ids.c }, data: { title: "Untagged, retitled" } });
    expect(
      (await exportJson(people.owner, { updatedSince: since.toISOString().replace("Z", "+00:00") })).articles.map((article) => article.id),
    ).toEqual([ids.b, ids.c].sort(byId));
  });

  it("updatedSince means the same instant whatever the server's time zone", async () => {
    const zone = process.env.TZ;
    process.env.TZ = "Pacific/Kiritimati";
    try {
      const since = new Date(Date.now() + 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await prisma.article.update({ where: { id: ids.a }, data: { title: "Retitled in another zone" } });
      expect((await exportJson(people.owner, { updatedSince: since.toISOString() })).articles.map((article) => article.id)).toEqual([
        ids.a,
      ]);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it.each([
    [{ format: "xml" }, "format", /json, jsonl, csv, w3c, conll, conll-columns, spacy, labelstudio, doccano, brat/],
    [
      { colour: "red" },
      "colour",
      /valid parameters: format, offsetUnit, suggestions, status, labels, annotators, articles, updatedSince, articleStatus/,
    ],
    [{ updatedSince: "yesterday" }, "updatedSince", /ISO 8601/],
    [{ updatedSince: "2026-13-45" }, "updatedSince", /ISO 8601/],
    [{ updatedSince: "2026-03-12T06:30:00" }, "updatedSince", /time zone/],
    [{ labels: "quote,person" }, "labels", /unknown labels "person"; valid values: actor, claim, figure, quote/],
    [{ labels: "" }, "labels", /at least one/],
    [{ status: "done" }, "status", /all, accepted, gold, pending, rejected/],
    [{ offsetUnit: "bytes" }, "offsetUnit", /codepoint, utf16/],
    [{ articleStatus: "closed" }, "articleStatus", /new, in_progress, in_review, done/],
    [{ annotators: "nobody@test.example" }, "annotators", /unknown annotators "nobody@test.example"/],
    [{ articles: "not-an-article" }, "articles", /unknown articles "not-an-article"/],
    [{ format: "spacy", offsetUnit: "utf16" }, "offsetUnit", /code points/],
  ])("refuses %j with a 400 naming %s", async (query, field, message) => {
    const response = await exportProject(people.owner, query as Record<string, string>);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: "bad_request", field });
    expect(body.error.message).toMatch(message);
  });
});

describe("project export: who may export what", () => {
  it("needs a valid token (401) and membership (404)", async () => {
    expect((await exportProject({ ...people.owner, token: "mgn_nope" })).status).toBe(401);
    expect((await exportProject(people.outsider)).status).toBe(404);
    expect((await call(projectExport.GET, { slug: "no-such-project" }, { token: people.owner.token })).status).toBe(404);
  });

  it("gives viewers the gold layer only, unless the owner allows more", async () => {
    const viewer = await exportJson(people.viewer);
    expect(tagIds(viewer)).toEqual([ids.actor, ids.emoji].sort());
    expect(viewer.filters.status).toBe("accepted");
    expect(tagIds(await exportJson(people.viewer, { status: "gold" }))).toEqual([ids.actor, ids.emoji].sort());
    const refused = await exportProject(people.viewer, { status: "all" });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/gold layer only/);
    await prisma.project.update({ where: { id: projectId }, data: { viewerExport: "all" } });
    try {
      expect(tagIds(await exportJson(people.viewer, { status: "all" }))).toHaveLength(5);
      expect(tagIds(await exportJson(people.viewer))).toHaveLength(5);
    } finally {
      await prisma.project.update({ where: { id: projectId }, data: { viewerExport: "gold" } });
    }
  });

  it("shows an editor of a blind project only their own tags, as everywhere else", async () => {
    await prisma.project.update({ where: { id: projectId }, data: { blindAnnotation: true } });
    try {
      expect(tagIds(await exportJson(people.second))).toEqual([ids.figure, ids.claim].sort());
      expect(tagIds(await exportJson(people.reviewer))).toHaveLength(5);
    } finally {
      await prisma.project.update({ where: { id: projectId }, data: { blindAnnotation: false } });
    }
  });
});

describe("article export", () => {
  it("exports one article, named after it, with the tag filters", async () => {
    const response = await call(
      articleExport.GET,
      { id: ids.a },
      { token: people.viewer.token, query: { format: "jsonl", offsetUnit: "utf16" } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`filename="${slug}-${ids.a}-\\d{8}\\.jsonl"`));
    const [article, ...rest] = jsonlArticles(await bodyText(response));
    expect(rest).toEqual([]);
    expect(article!.tags.map((item) => item.id)).toEqual([ids.actor]);
    assertSlices([article!], "utf16");
    // An article export always holds its article, even when no tag passes the filters.
    const none = jsonlArticles(
      await bodyText(
        await call(articleExport.GET, { id: ids.c }, { token: people.owner.token, query: { format: "jsonl", labels: "quote" } }),
      ),
    );
    expect(none.map((item) => [item.id, item.tags.length])).toEqual([[ids.c, 0]]);
  });

  it("refuses project filters, outsiders and unknown articles", async () => {
    const response = await call(articleExport.GET, { id: ids.a }, { token: people.owner.token, query: { articles: ids.b } });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({
      field: "articles",
      message: expect.stringMatching(/valid parameters: format, offsetUnit, suggestions, status, labels, annotators$/),
    });
    expect((await call(articleExport.GET, { id: ids.a }, { token: people.outsider.token })).status).toBe(404);
    expect((await call(articleExport.GET, { id: "nope" }, { token: people.owner.token })).status).toBe(404);
  });
});
