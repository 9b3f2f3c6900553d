import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as articleExport from "@/app/api/articles/[id]/export/route";
import * as projectExport from "@/app/api/projects/[slug]/export/route";
import { prisma } from "@/lib/db/prisma";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";
import type { Label } from "@/lib/vocabulary";
import type { ExportArticle } from "./shape";
import { bodyText, call, jsonlArticles, person, sliceIn, span, assertValid, tag, type Person, type Server } from "./test-support";

// Emoji before and inside the spans, curly quotes and an em dash: code points and UTF-16 units differ.
const TEXT = "😀 “We counted 1,219 ballots 🗳️,” said Ana Ruiz — the county clerk. Nearly 40% agreed.";

let server: Server;
let slug: string;
let articleId: string;
let owner: Person;
let editor: Person;
let second: Person;
const ids = {} as Record<"quote" | "figure" | "approx" | "accepted" | "stale" | "own" | "superseded" | "dismissed", string>;

async function suggest(
  key: keyof typeof ids,
  label: Label,
  words: string,
  options: {
    suggester?: string;
    version?: string;
    score?: number;
    attributes?: object;
    text?: string;
    forUserId?: string;
    superseded?: boolean;
  } = {},
) {
  const { start, end } = span(TEXT, words);
  const row = await prisma.suggestion.create({
    data: {
      articleId,
      label,
      start,
      end,
      text: options.text ?? words,
      suggester: options.suggester ?? "builtin-figures",
      version: options.version ?? "1",
      score: options.score ?? 0.5,
      attributes: options.attributes ?? {},
      forUserId: options.forUserId ?? null,
      supersededAt: options.superseded ? new Date() : null,
    },
  });
  ids[key] = row.id;
}

beforeAll(async () => {
  server = await startCollabServer();
  [owner, editor, second] = await Promise.all([person("owner"), person("editor"), person("second")]);
  ({ slug } = await createProjectWith({ owner: [owner], editor: [editor, second] }));
  articleId = (await createArticle(slug, { title: "The count", text: TEXT })).id;
  const actorTag = await tag(server, editor, articleId, TEXT, "actor", "Ana Ruiz", { canonicalName: "Ana Ruiz", kind: "person" });
  await suggest("quote", "quote", "“We counted 1,219 ballots 🗳️,”", {
    suggester: "builtin-quotes",
    score: 0.8,
    attributes: { direct: true },
  });
  await suggest("figure", "figure", "1,219 ballots", { score: 0.9, attributes: { value: 1219, unit: "ballots", approximate: false } });
  await suggest("approx", "figure", "Nearly 40%", {
    suggester: "spacy-backend",
    version: "2.1",
    score: 0.6,
    attributes: { value: 40, unit: "%", approximate: true },
  });
  // Accepted by the editor: it is their tag now.
  await suggest("accepted", "actor", "Ana Ruiz", {
    suggester: "builtin-actors",
    score: 0.7,
    attributes: { canonicalName: "Ana Ruiz", kind: "person" },
  });
  await prisma.suggestionDecision.create({
    data: { suggestionId: ids.accepted, userId: editor.id, kind: "accepted", annotationId: actorTag },
  });
  // Dismissed by someone: still a suggestion (a dismissal is one person's opinion, not a tag).
  await suggest("dismissed", "actor", "the county clerk", { suggester: "builtin-actors", score: 0.4, attributes: { kind: "person" } });
  await prisma.suggestionDecision.create({ data: { suggestionId: ids.dismissed, userId: second.id, kind: "dismissed" } });
  // Its words are no longer at its offsets (the text was corrected after the run).
  await suggest("stale", "figure", "40%", { text: "41%" });
  // A blind annotator's own run, and a row a later run no longer proposes.
  await suggest("own", "actor", "the county clerk", { suggester: "builtin-actors", forUserId: editor.id });
  await suggest("superseded", "figure", "1,219", { superseded: true });
});

afterAll(async () => {
  await server.close();
});

const exportProject = (who: Person, query: Record<string, string>) => call(projectExport.GET, { slug }, { token: who.token, query });

async function exportJson(who: Person, query: Record<string, string> = {}) {
  const response = await exportProject(who, { format: "json", ...query });
  expect(response.status, await response.clone().text()).toBe(200);
  const document: unknown = JSON.parse(await bodyText(response));
  assertValid(document);
  return document as { articles: ExportArticle[]; datasetVersion: string; filters: Record<string, unknown> };
}

describe("suggestions in the export", () => {
  it("are left out by default, and the dataset version is the one they do not change", async () => {
    const plain = await exportJson(owner);
    const withSuggestions = await exportJson(owner, { suggestions: "include" });
    expect(plain.articles[0]).not.toHaveProperty("suggestions");
    expect(plain.filters).not.toHaveProperty("suggestions");
    expect(withSuggestions.filters.suggestions).toBe("include");
    // Same tags, never mixed with suggestions, and the same version: suggestions are not the dataset.
    expect(withSuggestions.articles[0]!.tags).toEqual(plain.articles[0]!.tags);
    expect(withSuggestions.datasetVersion).toBe(plain.datasetVersion);
    const jsonl = await bodyText(await exportProject(owner, { format: "jsonl" }));
    expect(createHash("sha256").update(jsonl).digest("hex")).toBe(plain.datasetVersion);
    expect(jsonl).not.toContain("suggestions");
  });

  it("holds the shared, unaccepted suggestions still on their words, with scores, in code points", async () => {
    const [article] = (await exportJson(owner, { suggestions: "include" })).articles;
    const suggestions = article!.suggestions!;
    expect(suggestions.map((suggestion) => suggestion.id)).toEqual([ids.quote, ids.figure, ids.dismissed, ids.approx]);
    for (const suggestion of suggestions) expect(sliceIn(TEXT, suggestion.start, suggestion.end, "codepoint")).toBe(suggestion.text);
    expect(suggestions[0]).toEqual({
      id: ids.quote,
      suggester: "builtin-quotes",
      version: "1",
      label: "quote",
      start: 2,
      end: 32,
      text: "“We counted 1,219 ballots 🗳️,”",
      score: 0.8,
      attributes: { direct: true },
    });
    expect(suggestions[3]).toMatchObject({
      suggester: "spacy-backend",
      version: "2.1",
      score: 0.6,
      attributes: { value: 40, unit: "%", approximate: true },
    });
  });

  it("counts offsets in UTF-16 units when asked, in jsonl too", async () => {
    const response = await exportProject(owner, { format: "jsonl", offsetUnit: "utf16", suggestions: "include" });
    expect(response.status).toBe(200);
    const [article] = jsonlArticles(await bodyText(response));
    const quote = article!.suggestions!.find((suggestion) => suggestion.id === ids.quote)!;
    expect([quote.start, quote.end]).toEqual([3, 34]);
    for (const suggestion of article!.suggestions!) expect(TEXT.slice(suggestion.start, suggestion.end)).toBe(suggestion.text);
    // The version still names the tags only.
    const plain = await bodyText(await exportProject(owner, { format: "jsonl", offsetUnit: "utf16" }));
    expect(plain.split("\n")[0]).toBe(JSON.stringify({ ...article, suggestions: undefined }));
  });

  it("are Label Studio predictions: one per suggester and version, a score per region, code points", async () => {
    const response = await exportProject(owner, { format: "labelstudio", suggestions: "include" });
    expect(response.status).toBe(200);
    const [task] = JSON.parse(await bodyText(response)) as {
      annotations: { result: { id: string }[] }[];
      predictions: {
        model_version: string;
        score: number;
        result: {
          id: string;
          type: string;
          from_name: string;
          to_name: string;
          score: number;
          value: { start: number; end: number; text: string; labels: string[] };
        }[];
      }[];
    }[];
    expect(task!.predictions.map((prediction) => prediction.model_version)).toEqual([
      "builtin-quotes@1",
      "builtin-figures@1",
      "builtin-actors@1",
      "spacy-backend@2.1",
    ]);
    const figures = task!.predictions[1]!;
    expect(figures.score).toBeCloseTo(0.9);
    expect(figures.result).toEqual([
      {
        id: ids.figure,
        from_name: "label",
        to_name: "text",
        type: "labels",
        value: { start: 14, end: 27, text: "1,219 ballots", labels: ["Figure"] },
        score: 0.9,
      },
    ]);
    for (const prediction of task!.predictions)
      for (const region of prediction.result)
        expect(sliceIn(TEXT, region.value.start, region.value.end, "codepoint")).toBe(region.value.text);
    // The people's annotations hold tags only.
    const regionIds = task!.annotations.flatMap((annotation) => annotation.result.map((result) => result.id));
    expect(regionIds).not.toContain(ids.figure);
    const plain = JSON.parse(await bodyText(await exportProject(owner, { format: "labelstudio" }))) as object[];
    expect(plain[0]).not.toHaveProperty("predictions");
  });

  it("follows the labels filter, in the article export too", async () => {
    const exportArticle = async (query: Record<string, string>) => {
      const response = await call(
        articleExport.GET,
        { id: articleId },
        { token: owner.token, query: { format: "json", suggestions: "include", ...query } },
      );
      expect(response.status).toBe(200);
      return (JSON.parse(await bodyText(response)) as { articles: ExportArticle[] }).articles[0]!.suggestions!;
    };
    expect(await exportArticle({})).toHaveLength(4);
    expect((await exportArticle({ labels: "figure" })).map((suggestion) => suggestion.id)).toEqual([ids.figure, ids.approx]);
  });

  it("refuses formats without a place for them and unknown values, naming the parameter", async () => {
    const csv = await exportProject(owner, { format: "csv", suggestions: "include" });
    expect(csv.status).toBe(400);
    expect(((await csv.json()) as { error: { field: string; message: string } }).error).toMatchObject({
      field: "suggestions",
      message: expect.stringContaining("json, jsonl, labelstudio"),
    });
    const bad = await exportProject(owner, { format: "json", suggestions: "yes" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("suggestions must be one of exclude, include");
  });

  it("in a blind project, shows an annotator what they may see: a colleague's accept does not hide a suggestion", async () => {
    await prisma.project.update({ where: { slug }, data: { blindAnnotation: true } });
    try {
      const forSecond = (await exportJson(second, { suggestions: "include" })).articles[0]!.suggestions!;
      expect(forSecond.map((suggestion) => suggestion.id)).toContain(ids.accepted);
      expect(forSecond.map((suggestion) => suggestion.id)).not.toContain(ids.own);
      const forEditor = (await exportJson(editor, { suggestions: "include" })).articles[0]!.suggestions!;
      expect(forEditor.map((suggestion) => suggestion.id)).not.toContain(ids.accepted);
      expect(forEditor.map((suggestion) => suggestion.id)).not.toContain(ids.own);
    } finally {
      await prisma.project.update({ where: { slug }, data: { blindAnnotation: false } });
    }
  });
});
