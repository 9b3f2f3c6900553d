import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projectSuggestions from "@/app/api/projects/[slug]/suggestions/route";
import * as articleSuggestions from "@/app/api/articles/[id]/suggestions/route";
import * as projectRoute from "@/app/api/projects/[slug]/route";
import * as articlesRoute from "@/app/api/projects/[slug]/articles/route";
import { setAfterImport } from "@/lib/articles/after-import";
import { execute, resolve, type Resolved } from "@/lib/cli/run";
import { prisma } from "@/lib/db/prisma";
import { call, person, type Person, type Server } from "@/lib/export/test-support";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";
import { installSuggestOnImport } from "./on-import";

const TEXTS = [
  "🌊 Nearly 300 people — most of them farmers — marched on Friday, said Ana Ruiz.",
  "“We counted 1,219 ballots,” the clerk said. Turnout rose 4.5% according to the Electoral Board.",
  "Li Wei chairs the council 👩‍💻 and said the budget would grow by $2 million.",
];
const points = (text: string, start: number, end: number) => [...text].slice(start, end).join("");

let server: Server;
let owner: Person;
let editor: Person;
let viewer: Person;
let slug: string;
let articles: string[];

const runProject = (who: Person, body: unknown = {}) => call(projectSuggestions.POST, { slug }, { token: who.token, body });
const lines = async (response: Response) =>
  (await response.text())
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const cli = async (...argv: string[]) => {
  const resolved = resolve(argv);
  return "command" in resolved ? execute(resolved as Resolved) : resolved;
};

beforeAll(async () => {
  server = await startCollabServer();
  owner = await person("Owner");
  editor = await person("Editor");
  viewer = await person("Viewer");
  ({ slug } = await createProjectWith({ owner: [owner], editor: [editor], viewer: [viewer] }));
  articles = [];
  for (const [index, text] of TEXTS.entries()) articles.push((await createArticle(slug, { title: `Article ${index}`, text })).id);
});

afterAll(async () => {
  setAfterImport(undefined);
  await server.close();
});

describe("a project-wide run", () => {
  it("streams progress lines, then a report, and stores suggestions on every article", async () => {
    const response = await runProject(editor);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/x-ndjson/);
    const answer = await lines(response);
    expect(answer.some((line) => "progress" in line)).toBe(true);
    const { report } = answer.at(-1) as { report: { articles: number; suggestions: number; problems: unknown[] } };
    expect(report).toMatchObject({ articles: 3, problems: [] });
    expect(report.suggestions).toBe(await prisma.suggestion.count({ where: { articleId: { in: articles } } }));
    for (const [index, id] of articles.entries()) {
      const rows = await prisma.suggestion.findMany({ where: { articleId: id } });
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(points(TEXTS[index]!, row.start, row.end)).toBe(row.text);
    }
  });

  it("refuses unknown suggesters and articles outside the project before running, and viewers", async () => {
    const unknown = await runProject(editor, { suggesters: ["builtin:figurs"] });
    expect(unknown.status).toBe(400);
    const elsewhere = await runProject(editor, { articles: [articles[0], "not-an-article"] });
    expect(elsewhere.status).toBe(400);
    expect(((await elsewhere.json()) as { error: { message: string } }).error.message).toMatch(/not-an-article/);
    expect((await runProject(viewer)).status).toBe(403);
  });
});

describe("the CLI", () => {
  it("`suggest` runs one suggester over the project, the report on stdout", async () => {
    const result = await cli("suggest", "--project", slug, "--suggester", "builtin:figures");
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout![0]!)).toMatchObject({ articles: 3, problems: [] });
    const unknown = await cli("suggest", "--project", slug, "--suggester", "nope");
    expect(unknown).toMatchObject({ exitCode: 1, stderr: [expect.stringMatching(/unknown suggester nope/)] });
  });

  it("`suggestions` lists an article's, each slicing the text in the unit asked for", async () => {
    const result = await cli("suggestions", "--project", slug, "--article", articles[1]!, "--offset-unit", "utf16");
    expect(result.exitCode).toBe(0);
    const listed = result.stdout!.map((line) => JSON.parse(line) as { start: number; end: number; text: string; label: string });
    expect(listed.some((item) => item.label === "figure" && item.text === "4.5%")).toBe(true);
    for (const item of listed) expect(TEXTS[1]!.slice(item.start, item.end)).toBe(item.text);
    expect(await cli("suggestions", "--project", slug, "--article", "nope")).toMatchObject({ exitCode: 1 });
    expect(await cli("suggestions", "--project", slug, "--article", articles[1]!, "--accept-above", "0.9")).toMatchObject({ exitCode: 2 });
  });
});

describe("suggestOnImport", () => {
  it("is off by default; an owner turns it on, and an imported article then has suggestions", async () => {
    installSuggestOnImport();
    const importOne = async (text: string) => {
      const response = await call(articlesRoute.POST, { slug }, { token: owner.token, body: { title: "New", text } });
      expect(response.status).toBe(201);
      return ((await response.json()) as { article: { id: string } }).article.id;
    };
    const before = await importOne("Officials said 40 schools closed on Monday.");
    expect(await prisma.suggestion.count({ where: { articleId: before } })).toBe(0);
    const patched = await call(projectRoute.PATCH, { slug }, { token: owner.token, method: "PATCH", body: { suggestOnImport: true } });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { settings: Record<string, unknown> }).settings.suggestOnImport).toBe(true);
    const after = await importOne("Officials said 41 schools closed on Tuesday.");
    const rows = await prisma.suggestion.findMany({ where: { articleId: after } });
    expect(rows.find((row) => row.label === "figure")?.text).toBe("41 schools");
  });

  it("never fails an import when suggesting fails", async () => {
    setAfterImport(async () => {
      throw new Error("the suggesters broke");
    });
    const response = await call(
      articlesRoute.POST,
      { slug },
      { token: owner.token, body: { title: "Still", text: "Twelve ministers resigned." } },
    );
    expect(response.status).toBe(201);
  });

  it("keeps the backend's token out of every answer", async () => {
    // A backend on this machine, where nothing listens on port 9: the operator allows private addresses.
    process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS = "1";
    try {
      const patched = await call(
        projectRoute.PATCH,
        { slug },
        {
          token: owner.token,
          method: "PATCH",
          body: { suggestionBackendUrl: "http://127.0.0.1:9/ml", suggestionBackendToken: "s3cret-token" },
        },
      );
      expect(patched.status).toBe(200);
      expect(await patched.text()).not.toContain("s3cret-token");
      expect(await (await call(projectRoute.GET, { slug }, { token: owner.token })).text()).not.toContain("s3cret-token");
      const bad = await call(
        projectRoute.PATCH,
        { slug },
        { token: owner.token, method: "PATCH", body: { suggestionBackendUrl: "ftp://x" } },
      );
      expect(bad.status).toBe(400);
      // A run reports the backend's failure by name and keeps the built-ins' suggestions.
      const run = await call(articleSuggestions.POST, { id: articles[0]! }, { token: editor.token, body: {} });
      const answer = (await run.json()) as { suggestions: unknown[]; errors: { suggester: string }[] };
      expect(answer.errors.map((error) => error.suggester)).toEqual(["external"]);
      expect(answer.suggestions.length).toBeGreaterThan(0);
    } finally {
      delete process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS;
    }
  });
});
