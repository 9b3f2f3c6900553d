import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projectExport from "@/app/api/projects/[slug]/export/route";
import { prisma } from "@/lib/db/prisma";
import { eventually, startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";
import { runEntry } from "@/lib/testing/run-process";
import { assertValid, bodyText, call, jsonlArticles, person, review, tag, type Person, type Server } from "./test-support";

// The CLI runs as its own process against this test file's database (DATABASE_URL is inherited).
const margin = (...args: string[]) => runEntry("scripts/margin.ts", args);
const TEXT = "“Turnout hit 71%,” said Ana Ruiz 🗳️ — the clerk.\n\nVolunteers 👩🏽‍🤝‍👩🏻 counted overnight.";

let server: Server;
let slug: string;
let owner: Person;
let reviewer: Person;
let articleId: string;
let dir: string;

beforeAll(async () => {
  server = await startCollabServer();
  owner = await person("owner");
  reviewer = await person("reviewer");
  ({ slug } = await createProjectWith({ owner: [owner], reviewer: [reviewer] }));
  articleId = (await createArticle(slug, { title: "Turnout", text: TEXT })).id;
  const actor = await tag(server, owner, articleId, TEXT, "actor", "Ana Ruiz", { canonicalName: "Ana Ruiz", kind: "person" });
  await tag(server, owner, articleId, TEXT, "quote", "“Turnout hit 71%,”", { speakerId: actor, direct: true });
  await review(server, reviewer, articleId, actor, "accept");
  for (let index = 0; index < 40; index++)
    await createArticle(slug, {
      title: `Filler ${index}`,
      text: Array.from({ length: 200 }, (_, p) => `Filler ${index}, paragraph ${p}: nothing to tag here.`).join("\n\n"),
    });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "margin-export-"));
});

afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const api = async (query: Record<string, string>) => bodyText(await call(projectExport.GET, { slug }, { token: owner.token, query }));

describe("margin export", () => {
  it("writes the same bytes as the API to stdout, and a summary to stderr", async () => {
    const everyFilter = [
      "--format",
      "json",
      "--annotators",
      owner.email,
      "--articles",
      articleId,
      "--updated-since",
      "2000-01-01",
      "--article-status",
      "in_progress,in_review",
    ];
    const formats = ["w3c", "conll", "conll-columns", "spacy", "labelstudio", "doccano"].map((format) => ["--format", format]);
    for (const args of [
      ["--format", "jsonl"],
      ["--format", "csv", "--labels", "quote,actor", "--offset-unit", "utf16"],
      ["--status", "gold"],
      everyFilter,
      ...formats,
    ]) {
      const result = await margin("export", "--project", slug, ...args);
      expect(result.code, result.stderr).toBe(0);
      const query: Record<string, string> = {};
      for (let i = 0; i < args.length; i += 2) query[args[i]!.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase())] = args[i + 1]!;
      expect(result.stdout).toBe(await api(query));
      expect(result.stderr).toMatch(/^exported \d+ articles, \d+ tags \(\d+ bytes, [\w-]+\); dataset version [0-9a-f]{64}\n$/);
    }
    // The filters kept the one tagged article, in the published shape.
    const filtered = JSON.parse(
      await api({
        format: "json",
        annotators: owner.email,
        articles: articleId,
        updatedSince: "2000-01-01",
        articleStatus: "in_progress,in_review",
      }),
    ) as { articles: { id: string }[] };
    assertValid(filtered);
    expect(filtered.articles.map((article) => article.id)).toEqual([articleId]);
    const one = await margin("export", "--project", slug, "--article", articleId, "--format", "jsonl");
    expect(jsonlArticles(one.stdout).map((article) => article.id)).toEqual([articleId]);
  }, 120_000);

  it("--suggestions include: the API's bytes, each suggestion apart from the tags, the same dataset version", async () => {
    const words = "71%";
    const start = [...TEXT.slice(0, TEXT.indexOf(words))].length;
    const suggestion = await prisma.suggestion.create({
      data: { articleId, label: "figure", start, end: start + 3, text: words, suggester: "builtin-figures", version: "1", score: 0.9 },
    });
    const args = ["--format", "jsonl", "--articles", articleId, "--offset-unit", "utf16", "--suggestions", "include"];
    const result = await margin("export", "--project", slug, ...args);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(await api({ format: "jsonl", articles: articleId, offsetUnit: "utf16", suggestions: "include" }));
    const [article] = jsonlArticles(result.stdout);
    expect(article!.suggestions).toEqual([
      expect.objectContaining({ id: suggestion.id, start: TEXT.indexOf(words), end: TEXT.indexOf(words) + 3, text: words, score: 0.9 }),
    ]);
    const plain = await margin("export", "--project", slug, ...args.slice(0, -2));
    expect(result.stderr.match(/dataset version (\w+)/)![1]).toBe(plain.stderr.match(/dataset version (\w+)/)![1]);
    const refused = await margin("export", "--project", slug, "--format", "csv", "--suggestions", "include");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--suggestions");
    await prisma.suggestion.delete({ where: { id: suggestion.id } });
  });

  it("refuses bad options with exit 2 naming the option, and unknown projects with exit 1", async () => {
    expect(await margin("export", "--project", slug, "--format", "xml")).toMatchObject({
      code: 2,
      stdout: "",
      stderr: expect.stringContaining("--format: format must be one of json, jsonl"),
    });
    expect(await margin("export", "--project", slug, "--updated-since", "last week")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--updated-since: updatedSince must be an ISO 8601 date"),
    });
    expect(await margin("export", "--project", slug, "--annotators", "nobody@test.example")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--annotators: unknown annotators "nobody@test.example"'),
    });
    expect(await margin("export", "--project", slug, "--article", articleId, "--articles", articleId)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--articles: unknown parameter"),
    });
    expect(await margin("export", "--project", "no-such-project")).toMatchObject({
      code: 1,
      stderr: "export: no project with slug no-such-project\n",
    });
    expect(await margin("export", "--project", slug, "--article", "nope")).toMatchObject({
      code: 1,
      stderr: `export: no article nope in project ${slug}\n`,
    });
  }, 120_000);

  it("stops the export and its transaction when stdout closes early", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/margin.ts", "export", "--project", slug, "--format", "jsonl"], {
      env: { ...process.env, TSX_TSCONFIG_PATH: "tsconfig.node.json" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise((resolve) => child.stdout.once("data", resolve));
    child.stdout.destroy();
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain("export: stdout was closed before the output ended");
    await eventually(
      async () => {
        const [row] = await prisma.$queryRaw<
          { count: number }[]
        >`SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_type = 'client backend'`;
        return row!.count === 0;
      },
      3000,
      "no open transaction",
    );
  }, 120_000);
});

describe("margin import --format margin-json", () => {
  it("imports a json export and a jsonl export into new projects, tags and all", async () => {
    const json = path.join(dir, "dataset.json");
    fs.writeFileSync(json, await api({ format: "json", offsetUnit: "utf16" }));
    const target = await createProjectWith({ owner: [owner] });
    const result = await margin("import", "--project", target.slug, "--format", "margin-json", json);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split("\n").at(-1)).toBe("1 file, 41 articles: 41 imported (2 tags), 0 duplicate, 0 failed");
    expect(result.stdout).toMatch(new RegExp(`imported   ${json.replace(/[.]/g, "\\.")}#\\d+ → \\w+ "Turnout" with 2 tags`));
    const copy = await prisma.annotation.findMany({
      where: { article: { projectId: target.projectId } },
      orderBy: { start: "asc" },
      select: { label: true, text: true, status: true, attributes: true, id: true },
    });
    expect(copy.map((row) => [row.label, row.text, row.status])).toEqual([
      ["quote", "“Turnout hit 71%,”", "pending"],
      ["actor", "Ana Ruiz", "accepted"],
    ]);
    expect(copy[0]!.attributes).toEqual({ speakerId: copy[1]!.id, direct: true });

    const jsonl = path.join(dir, "dataset.jsonl");
    fs.writeFileSync(jsonl, await api({ format: "jsonl", labels: "actor" }));
    const second = await createProjectWith({ owner: [owner] });
    const fromLines = await margin("import", "--project", second.slug, "--format", "margin-json", jsonl, path.join(dir, "missing.json"));
    expect(fromLines.code).toBe(1);
    expect(fromLines.stdout.trim().split("\n").slice(-2)).toEqual([
      `failed     ${path.join(dir, "missing.json")}: no such file`,
      "2 files, 2 articles: 1 imported (1 tags), 0 duplicate, 1 failed",
    ]);
    expect(await prisma.annotation.count({ where: { article: { projectId: second.projectId } } })).toBe(1);
  }, 120_000);

  it("refuses a file that is not a dataset, and a bad --format", async () => {
    const target = await createProjectWith({ owner: [owner] });
    const bad = path.join(dir, "not-a-dataset.json");
    fs.writeFileSync(bad, JSON.stringify([{ title: "An article list", text: "Not a dataset." }]));
    expect(await margin("import", "--project", target.slug, "--format", "margin-json", bad)).toMatchObject({
      code: 1,
      stdout: expect.stringContaining(`failed     ${bad}: not a Margin dataset`),
    });
    expect(await margin("import", "--project", target.slug, "--format", "yaml", bad)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        "--format: must be articles, margin-json, or one of labelstudio, doccano, w3c, brat, spacy, conll, auto",
      ),
    });
    expect(await prisma.article.count({ where: { projectId: target.projectId } })).toBe(0);
  }, 120_000);
});
