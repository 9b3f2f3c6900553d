import { describe, expect, it } from "vitest";
import type { OffsetUnit } from "@/lib/tags/offsets";
import type { ExportArticle } from "@/lib/export/shape";
import { exportHeader, fixtureArticles, newsArticle, runExport, sliceIn } from "./fixtures";
import { serializeArticle } from "./jsonl";

/** The same article with every object's keys in reverse order, as another query might build it. */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, item]) => [key, reverseKeys(item)]),
    ) as T;
  return value;
}

describe("serializeArticle", () => {
  it("writes one line with the keys of shape.ts in order", () => {
    const line = serializeArticle(newsArticle(), "codepoint");
    expect(line).not.toContain("\n");
    const parsed = JSON.parse(line) as ExportArticle;
    expect(Object.keys(parsed)).toEqual([
      "id",
      "title",
      "byline",
      "source",
      "url",
      "publishedAt",
      "language",
      "status",
      "text",
      "tags",
      "relations",
    ]);
    expect(Object.keys(parsed.tags[0]!)).toEqual([
      "id",
      "label",
      "start",
      "end",
      "text",
      "prefix",
      "suffix",
      "authors",
      "status",
      "reviews",
      "attributes",
      "note",
      "createdAt",
      "updatedAt",
    ]);
    const quote = parsed.tags.find((tag) => tag.id === "q1")!;
    expect(Object.keys(quote.reviews[0]!)).toEqual(["reviewer", "decision", "at", "comment"]);
    expect(Object.keys(quote.authors[0]!)).toEqual(["id", "email", "name"]);
    expect(Object.keys(parsed.relations[0]!)).toEqual(["from", "to", "type"]);
  });

  it("gives the same bytes whatever order the input's keys were built in", () => {
    for (const unit of ["codepoint", "utf16"] as const) {
      for (const item of fixtureArticles()) expect(serializeArticle(reverseKeys(item), unit)).toBe(serializeArticle(item, unit));
    }
  });

  it("keeps absent attributes absent and null ones null", () => {
    const figure = (JSON.parse(serializeArticle(newsArticle(), "codepoint")) as ExportArticle).tags.find((tag) => tag.id === "f2")!;
    expect(figure.attributes).toEqual({ value: 4.5, unit: null, approximate: true });
    expect(Object.keys(figure.attributes)).toEqual(["value", "unit", "approximate"]);
    expect(JSON.stringify(figure.attributes)).toBe('{"value":4.5,"unit":null,"approximate":true}');
  });

  it.each<OffsetUnit>(["codepoint", "utf16"])("converts offsets so that they slice each tag's text in %s", (unit) => {
    for (const item of fixtureArticles()) {
      const parsed = JSON.parse(serializeArticle(item, unit)) as ExportArticle;
      for (const tag of parsed.tags) expect(sliceIn(parsed.text, tag.start, tag.end, unit)).toBe(tag.text);
    }
  });

  it("counts the emoji outside the BMP once in code points and twice in UTF-16", () => {
    const tag = (unit: OffsetUnit) =>
      (JSON.parse(serializeArticle(newsArticle(), unit)) as ExportArticle).tags.find((item) => item.id === "c2")!;
    // "🗳️" (two code points, three UTF-16 units) comes before the claim; "👍🏽" (two astral code points) ends it.
    expect(tag("utf16").start - tag("codepoint").start).toBe(1);
    expect(tag("utf16").end - tag("utf16").start - (tag("codepoint").end - tag("codepoint").start)).toBe(2);
  });
});

describe("jsonl writer", () => {
  it("writes one article per line, nothing before or after", () => {
    for (const unit of ["codepoint", "utf16"] as const) {
      const articles = fixtureArticles();
      const out = runExport("jsonl", exportHeader(unit), articles);
      expect(out).toBe(articles.map((item) => `${serializeArticle(item, unit)}\n`).join(""));
      const lines = out.split("\n");
      expect(lines.pop()).toBe("");
      expect(lines.map((line) => (JSON.parse(line) as ExportArticle).id)).toEqual(["art-news", "art-empty", "art-polls"]);
    }
  });
});
