import fs from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import Ajv2020 from "ajv/dist/2020";
import { strFromU8, unzipSync } from "fflate";
import addFormats from "ajv-formats";
import schema from "@/lib/export/schema.json";
import type { ExportArticle } from "@/lib/export/shape";
import { expect, test, type World } from "./fixtures";
import { ExportPage } from "./pages/export-page";
import { signInAs } from "./pages/sign-in-page";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the county clerk.\n\nMore than 200 volunteers 👩🏽‍🤝‍👩🏻 waited outside.";

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

const codepoints = (text: string, words: string) => {
  const start = [...text.slice(0, text.indexOf(words))].length;
  return { start, end: start + [...words].length };
};

type Dataset = { articles: ExportArticle[]; offsetUnit: "codepoint" | "utf16"; articleCount: number; tagCount: number };

/** A project with one tagged article (tags through the API, as a script would make them). */
async function taggedProject(world: World, request: APIRequestContext) {
  const owner = await world.user("Olga Owner");
  const project = await world.project({ owner: [owner] });
  const article = await world.article(project.slug, { title: "The count", text: TEXT });
  const headers = { authorization: `Bearer ${await world.token(owner)}` };
  const tag = async (label: string, words: string, attributes?: object) => {
    const response = await request.post(`/api/articles/${article.id}/annotations`, {
      headers,
      data: { label, ...codepoints(TEXT, words), attributes },
    });
    expect(response.status()).toBe(201);
    return (await response.json()).annotation.id as string;
  };
  const actor = await tag("actor", "Ana Ruiz", { canonicalName: "Ana Ruiz", kind: "person" });
  await tag("quote", "“We counted 1,219 ballots,”", { speakerId: actor, direct: true });
  await tag("figure", "More than 200 volunteers 👩🏽‍🤝‍👩🏻");
  return { owner, project, article, headers, actor };
}

test("downloads a JSON export from the Export page: valid against the schema, every span exact", async ({ page, world, request }) => {
  const { owner, project, actor } = await taggedProject(world, request);
  await signInAs(page, owner);
  const exportPage = new ExportPage(page, project.slug);
  await exportPage.goto();
  for (const utf16 of [false, true]) {
    if (utf16) await exportPage.goto();
    const download = await exportPage.download({ utf16 });
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${project.slug}-\\d{8}\\.json$`));
    const dataset = JSON.parse(fs.readFileSync(await download.path(), "utf8")) as Dataset;
    expect(validate(dataset), JSON.stringify(validate.errors)).toBe(true);
    expect(dataset).toMatchObject({ offsetUnit: utf16 ? "utf16" : "codepoint", articleCount: 1, tagCount: 3 });
    const [article] = dataset.articles;
    expect(article!.text).toBe(TEXT);
    for (const tag of article!.tags) {
      const sliced = utf16 ? article!.text.slice(tag.start, tag.end) : [...article!.text].slice(tag.start, tag.end).join("");
      expect(sliced).toBe(tag.text);
    }
    expect(article!.relations).toEqual([{ from: expect.any(String), to: actor, type: "speaker" }]);
    await expect(exportPage.form().getByRole("status")).toContainText("Saved");
  }
});

test("saves snapshots, downloads one again and compares two; a dataset imports into another project", async ({ page, world, request }) => {
  const { owner, project, article, headers } = await taggedProject(world, request);
  await signInAs(page, owner);
  const exportPage = new ExportPage(page, project.slug);
  await exportPage.goto();
  await exportPage.saveSnapshot("First draft");
  await expect(exportPage.form().getByRole("status")).toContainText('Saved "First draft": 1 articles, 3 tags');
  await expect(exportPage.snapshots()).toHaveCount(1);

  // One more tag, then a second snapshot: the comparison lists it as added.
  const more = await request.post(`/api/articles/${article.id}/annotations`, {
    headers,
    data: { label: "actor", ...codepoints(TEXT, "the county clerk") },
  });
  expect(more.status()).toBe(201);
  await exportPage.saveSnapshot("Second draft");
  await expect(exportPage.snapshots()).toHaveCount(2);
  const comparison = await exportPage.compare("First draft", "Second draft");
  await expect(comparison.getByRole("status")).toContainText("Tags: 1 added, 0 removed, 0 changed (3 unchanged)");
  await expect(comparison.getByRole("table", { name: "Changes" })).toContainText("“the county clerk”");

  const first = exportPage.snapshots().filter({ hasText: "First draft" });
  const saved = page.waitForEvent("download");
  await first.getByRole("button", { name: "Download" }).click();
  const jsonl = fs.readFileSync(await (await saved).path(), "utf8");
  expect(jsonl.trimEnd().split("\n")).toHaveLength(1);
  expect((JSON.parse(jsonl) as ExportArticle).tags).toHaveLength(3);

  const dataset = fs.readFileSync(await (await exportPage.download()).path());
  const target = await world.project({ owner: [owner] });
  const targetPage = new ExportPage(page, target.slug);
  await targetPage.goto();
  await targetPage.importDataset("dataset.json", dataset);
  await expect(page.getByRole("status").filter({ hasText: "Done:" })).toContainText("1 imported (4 tags), 0 duplicate, 0 failed");
  const copy = await request.get(`/api/projects/${target.slug}/export?format=json`, { headers: { ...headers, "accept-encoding": "gzip" } });
  // Compressed on the way (by the server), readable on arrival; JSON Lines too, the format of whole archives.
  expect(copy.headers()["content-encoding"]).toBe("gzip");
  const lines = await request.get(`/api/projects/${target.slug}/export?format=jsonl`, {
    headers: { ...headers, "accept-encoding": "gzip" },
  });
  expect(lines.headers()["content-encoding"]).toBe("gzip");
  expect((JSON.parse((await lines.text()).trimEnd()) as ExportArticle).tags).toHaveLength(4);
  const copied = (await copy.json()) as Dataset;
  expect(copied.articles[0]!.tags.map((tag) => [tag.label, tag.text])).toEqual(
    (JSON.parse(dataset.toString("utf8")) as Dataset).articles[0]!.tags.map((tag) => [tag.label, tag.text]),
  );
});

test("exports one label as CSV from the Export page, and one article as spaCy from its page", async ({ page, world, request }) => {
  const { owner, project, article } = await taggedProject(world, request);
  await signInAs(page, owner);
  const exportPage = new ExportPage(page, project.slug);
  await exportPage.goto();
  const csv = fs.readFileSync(await (await exportPage.download({ format: "CSV", labels: ["quote"] })).path(), "utf8");
  const rows = csv.trimEnd().split("\r\n");
  // The header and the one quote, its text quoted as RFC 4180 wants (it holds a comma).
  expect(rows).toHaveLength(2);
  expect(rows[1]).toContain(",quote,");
  expect(rows[1]).toContain('"“We counted 1,219 ballots,”"');

  await page.goto(`/projects/${project.slug}/articles/${article.id}`);
  await page.getByText("Export this article").click();
  const form = page.getByRole("form", { name: "Export this article" });
  await form.getByLabel("Format").selectOption("spacy");
  const saved = page.waitForEvent("download");
  await form.getByRole("button", { name: "Export" }).click();
  const download = await saved;
  // The server's name for it: project, article, day, and the format, since spaCy's lines are JSON Lines too.
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${project.slug}-${article.id}-\\d{8}\\.spacy\\.jsonl$`));
  const spacy = JSON.parse(fs.readFileSync(await download.path(), "utf8").trim()) as {
    text: string;
    spans: { start: number; end: number; label: string }[];
  };
  expect(spacy.text).toBe(TEXT);
  // Offsets as Python counts them: code points, emoji included.
  expect(spacy.spans.map((span) => [span.label, [...TEXT].slice(span.start, span.end).join("")])).toEqual([
    ["quote", "“We counted 1,219 ballots,”"],
    ["actor", "Ana Ruiz"],
    ["figure", "More than 200 volunteers 👩🏽‍🤝‍👩🏻"],
  ]);
});

test("exports brat standoff as a zip from the Export page", async ({ page, world, request }) => {
  const { owner, project, article } = await taggedProject(world, request);
  await signInAs(page, owner);
  const exportPage = new ExportPage(page, project.slug);
  await exportPage.goto();
  const download = await exportPage.download({ format: "brat" });
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${project.slug}-\\d{8}\\.brat\\.zip$`));
  const files = unzipSync(fs.readFileSync(await download.path()));
  expect(strFromU8(files[`${project.slug}/${article.id}.txt`]!)).toBe(TEXT);
  expect(strFromU8(files[`${project.slug}/annotation.conf`]!)).toContain("speaker\tArg1:quote, Arg2:actor");
  // Every T line's fragments are its words, counted in code points as brat's Python counts them.
  const tLines = strFromU8(files[`${project.slug}/${article.id}.ann`]!)
    .split("\n")
    .filter((line) => line.startsWith("T"))
    .map((line) => line.split("\t"));
  expect(tLines.map(([, what]) => what!.split(" ")[0]).sort()).toEqual(["actor", "figure", "quote"]);
  for (const [, what, words] of tLines) {
    const fragments = what!.slice(what!.indexOf(" ") + 1).split(";");
    const text = fragments.map((pair) => [...TEXT].slice(Number(pair.split(" ")[0]), Number(pair.split(" ")[1])).join("")).join(" ");
    expect(text).toBe(words);
  }
});
