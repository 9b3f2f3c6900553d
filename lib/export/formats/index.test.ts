import { describe, expect, it } from "vitest";
import { createWriter, EXPORT_FORMATS } from "./index";
import { emptyArticle, exportHeader, fixtureArticles, newsArticle, pollsArticle, runExport } from "./fixtures";

describe("createWriter", () => {
  it("gives a writer for every format, declaring its type, extension and offset unit", () => {
    const header = exportHeader("utf16");
    const described = EXPORT_FORMATS.map((format) => {
      const writer = createWriter(format, header);
      expect(writer.format).toBe(format);
      return [format, writer.extension, writer.offsetUnit, writer.contentType.includes("charset=utf-8")];
    });
    expect(described).toEqual([
      ["json", "json", "utf16", true],
      ["jsonl", "jsonl", "utf16", true],
      ["csv", "csv", "utf16", true],
      ["w3c", "jsonld", "codepoint", true],
      ["conll", "conll", null, true],
      ["spacy", "jsonl", "codepoint", true],
      ["labelstudio", "json", "codepoint", true],
    ]);
  });

  it.each(EXPORT_FORMATS)("%s: writes the same bytes for the same data, twice", (format) => {
    for (const unit of ["codepoint", "utf16"] as const)
      expect(runExport(format, exportHeader(unit), fixtureArticles())).toBe(runExport(format, exportHeader(unit), fixtureArticles()));
  });

  it.each(EXPORT_FORMATS)("%s: returns only the article's own bytes, whatever came before it", (format) => {
    // A writer that kept articles would write differently after others; only separators may differ.
    const header = exportHeader("codepoint");
    const alone = createWriter(format, header);
    alone.begin(header);
    const first = alone.article(pollsArticle(), 1);
    const after = createWriter(format, header);
    after.begin(header);
    after.article(newsArticle(), 0);
    after.article(emptyArticle(), 1);
    const later = after.article(pollsArticle(), 1);
    expect(later.replace(/^,/, "")).toBe(first.replace(/^,/, ""));
  });

  it.each(EXPORT_FORMATS)("%s: parses as its format whatever articles it holds, even none", (format) => {
    const header = exportHeader("codepoint");
    for (const articles of [[], [emptyArticle()], fixtureArticles()]) {
      const out = runExport(format, header, articles);
      if (format === "json" || format === "w3c" || format === "labelstudio") expect(() => JSON.parse(out)).not.toThrow();
      if (format === "jsonl" || format === "spacy")
        for (const line of out.split("\n").slice(0, -1)) expect(() => JSON.parse(line)).not.toThrow();
      expect(out === "" || out.endsWith("\n")).toBe(true);
    }
  });
});
