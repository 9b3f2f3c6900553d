import { beforeAll, describe, expect, it } from "vitest";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import type { ProjectAccess } from "@/lib/auth/context";
import { prisma } from "@/lib/db/prisma";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import { listArticles } from "./data";
import { MATCH_END, MATCH_START } from "./search-marks";
import { listArticlesQuerySchema } from "./schema";

const query = (input: Record<string, unknown> = {}) => listArticlesQuerySchema.parse(input);

describe("listArticles", () => {
  let access: ProjectAccess;
  const ids: Record<string, string> = {};
  let annotator: { id: string; email: string };

  beforeAll(async () => {
    annotator = await createUser();
    const { slug } = await createProjectWith({ editor: [annotator] });
    access = (await unsafeOperatorProjectAccess(slug, "project:read"))!;
    const articles = [
      {
        key: "ferry",
        title: "Ferry strike ends",
        text: "The ferry workers’ union voted to end its strike — the longest in 30 years.",
        publishedAt: new Date("2026-01-05"),
      },
      {
        key: "flood",
        title: "Council approves flood wall",
        text: "According to the survey, 1,219 homes flooded at least once.\n\nOpponents say the ferry route is at risk.",
        publishedAt: new Date("2026-03-12"),
      },
      {
        key: "turtles",
        title: "Turtle nests at record",
        text: "Volunteers counted more than 200 nests 🐢 on northern beaches.",
        publishedAt: null,
      },
    ];
    for (const { key, ...article } of articles)
      ids[key] = (await createArticle(slug, { ...article, publishedAt: article.publishedAt ?? undefined })).id;
    await prisma.article.update({ where: { id: ids.flood }, data: { status: "in_review" } });
    await prisma.annotation.createMany({
      data: [
        { articleId: ids.flood!, label: "figure", start: 25, end: 30, text: "1,219", authorId: annotator.id, annotatorIds: [annotator.id] },
        {
          articleId: ids.flood!,
          label: "figure",
          start: 0,
          end: 9,
          text: "According",
          authorId: annotator.id,
          annotatorIds: [annotator.id],
        },
        {
          articleId: ids.turtles!,
          label: "actor",
          start: 0,
          end: 10,
          text: "Volunteers",
          authorId: annotator.id,
          annotatorIds: [annotator.id],
        },
      ],
    });
  });

  it("lists newest first with counts per label", async () => {
    const { items, total } = await listArticles(access, query());
    expect(total).toBe(3);
    expect(items.map((item) => item.id)).toEqual([ids.turtles, ids.flood, ids.ferry]);
    expect(items[1]).toMatchObject({
      title: "Council approves flood wall",
      status: "in_review",
      annotationCount: 2,
      labelCounts: { figure: 2 },
      wordCount: 18,
    });
  });

  it("finds an article by a phrase from its body, with the match marked in a snippet", async () => {
    const { items } = await listArticles(access, query({ q: '"1,219 homes flooded"' }));
    expect(items.map((item) => item.id)).toEqual([ids.flood]);
    expect(items[0]!.snippet).toContain(`${MATCH_START}1${MATCH_END},${MATCH_START}219${MATCH_END} ${MATCH_START}homes${MATCH_END}`);
    expect((await listArticles(access, query({ q: '"homes 1,219"' }))).items).toEqual([]);
  });

  it("matches words next to curly quotes, dashes and apostrophes, whatever the server's locale", async () => {
    expect((await listArticles(access, query({ q: '"workers union voted"' }))).items.map((item) => item.id)).toEqual([ids.ferry]);
    expect((await listArticles(access, query({ q: "strike longest" }))).items.map((item) => item.id)).toEqual([ids.ferry]);
    expect((await listArticles(access, query({ q: "“union”" }))).items.map((item) => item.id)).toEqual([ids.ferry]);
  });

  it("ranks a title match above a body match", async () => {
    const { items } = await listArticles(access, query({ q: "ferry" }));
    expect(items.map((item) => item.id)).toEqual([ids.ferry, ids.flood]);
  });

  it("filters by status, by label and by annotator (id or email)", async () => {
    expect((await listArticles(access, query({ status: "in_review" }))).items.map((item) => item.id)).toEqual([ids.flood]);
    expect((await listArticles(access, query({ label: "actor" }))).items.map((item) => item.id)).toEqual([ids.turtles]);
    expect((await listArticles(access, query({ annotator: annotator.email.toUpperCase() }))).total).toBe(2);
    expect(
      (await listArticles(access, query({ annotator: annotator.id, label: "figure", q: "ferry" }))).items.map((item) => item.id),
    ).toEqual([ids.flood]);
  });

  it("sorts and paginates", async () => {
    expect((await listArticles(access, query({ sort: "title" }))).items.map((item) => item.title)).toEqual([
      "Council approves flood wall",
      "Ferry strike ends",
      "Turtle nests at record",
    ]);
    expect((await listArticles(access, query({ sort: "published" }))).items.map((item) => item.id)).toEqual([
      ids.flood,
      ids.ferry,
      ids.turtles,
    ]);
    const second = await listArticles(access, query({ sort: "oldest", pageSize: 2, page: 2 }));
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(second.items.map((item) => item.id)).toEqual([ids.turtles]);
  });

  it("keeps other projects' articles out", async () => {
    const { slug } = await createProjectWith({});
    await createArticle(slug, { title: "Ferry elsewhere", text: "Another ferry story entirely." });
    expect((await listArticles(access, query({ q: "ferry" }))).total).toBe(2);
  });

  it("refuses bad query values with a message naming the field", () => {
    for (const [input, message] of [
      [{ status: "archived" }, "status must be one of new, in_progress, in_review, done"],
      [{ page: "0" }, "page must be 1 or more"],
      [{ pageSize: "500" }, "pageSize must be at most 200"],
      [{ sort: "random" }, "sort must be one of relevance, newest, oldest, title, published"],
    ] as const) {
      const parsed = listArticlesQuerySchema.safeParse(input);
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues[0]!.message).toBe(message);
    }
  });
});
