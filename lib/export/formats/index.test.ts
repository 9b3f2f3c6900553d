import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { BRAT_MAX_ARTICLES } from "./brat";
import { createWriter, EXPORT_FORMATS, formatLimit } from "./index";
import { emptyArticle, exportHeader, fixtureArticles, newsArticle, pollsArticle, runExportBytes } from "./fixtures";

const bytesOf = (output: string | Uint8Array) => Buffer.from(typeof output === "string" ? Buffer.from(output, "utf8") : output);

describe("createWriter", () => {
  it("gives a writer for every format, declaring its type, extension and offset unit", () => {
    const header = exportHeader("utf16");
    const described = EXPORT_FORMATS.map((format) => {
      const writer = createWriter(format, header);
      expect(writer.format).toBe(format);
      return [format, writer.extension, writer.offsetUnit, writer.contentType];
    });
    expect(described).toEqual([
      ["json", "json", "utf16", "application/json; charset=utf-8"],
      ["jsonl", "jsonl", "utf16", "application/jsonl; charset=utf-8"],
      ["csv", "csv", "utf16", "text/csv; charset=utf-8; header=present"],
      ["w3c", "jsonld", "codepoint", 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8'],
      ["conll", "conll", null, "text/plain; charset=utf-8"],
      ["conll-columns", "conll", null, "text/plain; charset=utf-8"],
      ["spacy", "jsonl", "codepoint", "application/jsonl; charset=utf-8"],
      ["labelstudio", "json", "codepoint", "application/json; charset=utf-8"],
      ["doccano", "jsonl", "utf16", "application/jsonl; charset=utf-8"],
      ["brat", "zip", "codepoint", "application/zip"],
      ["actors-json", "json", null, "application/json; charset=utf-8"],
      ["actors-csv", "csv", null, "text/csv; charset=utf-8; header=present"],
      ["quotes-jsonl", "jsonl", "utf16", "application/jsonl; charset=utf-8"],
      ["quotes-csv", "csv", "utf16", "text/csv; charset=utf-8; header=present"],
      ["claims-jsonl", "jsonl", "utf16", "application/jsonl; charset=utf-8"],
      ["claims-csv", "csv", "utf16", "text/csv; charset=utf-8; header=present"],
    ]);
  });

  it.each(EXPORT_FORMATS)("%s: writes the same bytes for the same data, twice", (format) => {
    for (const unit of ["codepoint", "utf16"] as const)
      expect(runExportBytes(format, exportHeader(unit), fixtureArticles())).toEqual(
        runExportBytes(format, exportHeader(unit), fixtureArticles()),
      );
  });

  it.each(EXPORT_FORMATS.filter((format) => format !== "doccano"))(
    "%s: returns only the article's own bytes, whatever came before it",
    (format) => {
      // A writer that kept articles would write differently after others; only separators may differ.
      const header = exportHeader("codepoint");
      const alone = createWriter(format, header);
      alone.begin(header);
      const first = bytesOf(alone.article(pollsArticle(), 1));
      const after = createWriter(format, header);
      after.begin(header);
      after.article(newsArticle(), 0);
      after.article(emptyArticle(), 1);
      const later = bytesOf(after.article(pollsArticle(), 1));
      const separator = (bytes: Buffer) => (bytes[0] === 0x2c ? bytes.subarray(1) : bytes);
      expect(separator(later).equals(separator(first))).toBe(true);
    },
  );

  it("doccano: numbers an article's ids after those before it, and writes nothing else differently", () => {
    // Its ids are unique in the file (see doccano.ts), the one thing that depends on earlier articles.
    const header = exportHeader("codepoint");
    const alone = createWriter("doccano", header);
    const after = createWriter("doccano", header);
    after.article(newsArticle(), 0);
    const first = JSON.parse(alone.article(pollsArticle(), 0) as string) as { entities: { id: number }[] };
    const later = JSON.parse(after.article(pollsArticle(), 1) as string) as { entities: { id: number }[] };
    const shift = newsArticle().tags.length + newsArticle().relations.length;
    expect(later.entities.map((entity) => entity.id)).toEqual(first.entities.map((entity) => entity.id + shift));
    expect({ ...later, entities: [], relations: [] }).toEqual({ ...first, entities: [], relations: [] });
  });

  it.each(EXPORT_FORMATS)("%s: parses as its format whatever articles it holds, even none", (format) => {
    const header = exportHeader("codepoint");
    for (const articles of [[], [emptyArticle()], fixtureArticles()]) {
      const bytes = runExportBytes(format, header, articles);
      if (format === "brat") {
        const files = Object.keys(unzipSync(bytes)).sort();
        expect(files).toEqual(
          ["annotation.conf", "visual.conf", ...articles.flatMap((item) => [`${item.id}.ann`, `${item.id}.txt`])]
            .map((name) => `budget-watch/${name}`)
            .sort(),
        );
        continue;
      }
      const out = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      if (["json", "w3c", "labelstudio", "actors-json"].includes(format)) expect(() => JSON.parse(out)).not.toThrow();
      if (["jsonl", "spacy", "doccano", "quotes-jsonl", "claims-jsonl"].includes(format))
        for (const line of out.split("\n").slice(0, -1)) expect(() => JSON.parse(line)).not.toThrow();
      // A CSV has its header row however few rows follow.
      if (format.endsWith("csv")) expect(out.split("\r\n")[0]!.length).toBeGreaterThan(0);
      expect(out === "" || out.endsWith("\n")).toBe(true);
    }
  });

  it("refuses a brat export of more articles than a plain zip can list, before it starts; other formats have no limit", () => {
    expect(formatLimit("brat", BRAT_MAX_ARTICLES)).toBeNull();
    expect(formatLimit("brat", BRAT_MAX_ARTICLES + 1)).toMatch(/^format: a brat export holds at most 32000 articles .* this one has 32001/);
    expect(formatLimit("jsonl", 10 * BRAT_MAX_ARTICLES)).toBeNull();
    // Two zip entries per article and two for the configuration stay under a plain zip's 65,535.
    expect(2 * BRAT_MAX_ARTICLES + 2).toBeLessThan(65_535);
  });
});
