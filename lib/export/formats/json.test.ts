import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { ACTOR_KINDS, LABELS } from "@/lib/vocabulary";
import type { OffsetUnit } from "@/lib/tags/offsets";
import schema from "@/lib/export/schema.json";
import { CONTEXT_LENGTH, DATASET_FORMAT, DATASET_FORMAT_VERSION, type ExportArticle } from "@/lib/export/shape";
import { exportHeader, fixtureArticles, runExport, sha256, sliceIn } from "./fixtures";
import { serializeArticle } from "./jsonl";

// Strict: an unknown keyword or a misspelt reference in the schema fails here, not in a consumer's tool.
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
addFormats(ajv);
const validateDocument = ajv.compile(schema);
const validateArticle = ajv.getSchema(`${schema.$id}#/$defs/article`)!;

type Document = Record<string, unknown> & { articles: ExportArticle[] };

const exportJson = (unit: OffsetUnit) => runExport("json", exportHeader(unit), fixtureArticles());

describe("json writer", () => {
  it.each<OffsetUnit>(["codepoint", "utf16"])("writes one document, valid against the schema (%s)", (unit) => {
    const out = exportJson(unit);
    expect(out.endsWith("}\n")).toBe(true);
    expect(out.indexOf("\n")).toBe(out.length - 1);
    const document = JSON.parse(out) as Document;
    expect(validateDocument(document), JSON.stringify(validateDocument.errors)).toBe(true);
    expect(Object.keys(document)).toEqual([
      "format",
      "formatVersion",
      "project",
      "labels",
      "offsetUnit",
      "filters",
      "articles",
      "articleCount",
      "tagCount",
      "datasetVersion",
    ]);
    expect(document).toMatchObject({
      format: "margin-dataset",
      formatVersion: "1.0",
      offsetUnit: unit,
      articleCount: 3,
      tagCount: 12,
      filters: { from: "2026-01-01", status: ["accepted", "pending"] },
    });
    for (const item of document.articles) for (const tag of item.tags) expect(sliceIn(item.text, tag.start, tag.end, unit)).toBe(tag.text);
  });

  it.each<OffsetUnit>(["codepoint", "utf16"])(
    "embeds exactly the jsonl lines, so its version is the SHA-256 of the jsonl export (%s)",
    (unit) => {
      const jsonl = runExport("jsonl", exportHeader(unit), fixtureArticles());
      const out = exportJson(unit);
      const lines = jsonl.slice(0, -1).split("\n");
      expect(out).toContain(`"articles":[${lines.join(",")}],"articleCount"`);
      expect((JSON.parse(out) as Document).datasetVersion).toBe(sha256(jsonl));
    },
  );

  it("writes the same bytes twice, with the filters in a stable order", () => {
    expect(exportJson("utf16")).toBe(exportJson("utf16"));
    const header = exportHeader("codepoint");
    const reordered = { ...header, filters: { from: "2026-01-01", status: ["accepted", "pending"] } };
    expect(runExport("json", reordered, fixtureArticles())).toBe(runExport("json", header, fixtureArticles()));
  });

  it("writes a valid document for an export without articles", () => {
    const document = JSON.parse(runExport("json", exportHeader("codepoint"), [])) as Document;
    expect(validateDocument(document)).toBe(true);
    expect(document).toMatchObject({ articles: [], articleCount: 0, tagCount: 0, datasetVersion: sha256("") });
  });
});

describe("schema.json", () => {
  it("accepts every jsonl line as an article", () => {
    for (const unit of ["codepoint", "utf16"] as const) {
      for (const item of fixtureArticles())
        expect(validateArticle(JSON.parse(serializeArticle(item, unit))), JSON.stringify(validateArticle.errors)).toBe(true);
    }
  });

  const corruptions: [string, (document: Document) => void][] = [
    ["an unknown label", (document) => Object.assign(document.articles[0]!.tags[0]!, { label: "person" })],
    ["a negative offset", (document) => Object.assign(document.articles[0]!.tags[0]!, { start: -1 })],
    ["a fractional offset", (document) => Object.assign(document.articles[0]!.tags[0]!, { end: 2.5 })],
    ["an unknown status", (document) => Object.assign(document.articles[0]!.tags[0]!, { status: "maybe" })],
    ["a property the schema does not know", (document) => Object.assign(document.articles[0]!, { wordCount: 12 })],
    ["a missing field", (document) => delete (document.articles[0]!.tags[0] as Partial<ExportArticle["tags"][number]>).prefix],
    ["a date that is not a date-time", (document) => Object.assign(document.articles[0]!.tags[0]!, { createdAt: "yesterday" })],
    [
      "an attribute of another label",
      (document) => Object.assign(document.articles[0]!.tags.find((tag) => tag.label === "actor")!.attributes, { speakerId: "q1" }),
    ],
    [
      "an actor record without its name",
      (document) => delete document.articles[0]!.tags.find((tag) => tag.attributes.actorId)!.attributes.actorName,
    ],
    [
      "an actor record on a quote",
      (document) =>
        Object.assign(document.articles[0]!.tags.find((tag) => tag.label === "quote")!.attributes, {
          actorId: "rec-alvarez",
          actorName: "Zoë",
        }),
    ],
    ["a context longer than 32 code points", (document) => Object.assign(document.articles[0]!.tags[0]!, { suffix: "x".repeat(33) })],
    ["a tag without authors", (document) => Object.assign(document.articles[0]!.tags[0]!, { authors: [] })],
    ["a truncated dataset version", (document) => Object.assign(document, { datasetVersion: "abc" })],
    ["no dataset version", (document) => delete (document as Partial<Document>).datasetVersion],
  ];

  it.each(corruptions)("rejects a document with %s", (_name, corrupt) => {
    const document = JSON.parse(exportJson("codepoint")) as Document;
    expect(validateDocument(document)).toBe(true);
    corrupt(document);
    expect(validateDocument(document)).toBe(false);
  });

  it("agrees with the code on labels, statuses and the context length", () => {
    expect(schema.$defs.label.enum).toEqual(LABELS);
    expect(schema.$defs.context.maxLength).toBe(CONTEXT_LENGTH);
    expect(schema.properties.format.const).toBe(DATASET_FORMAT);
    expect(schema.properties.formatVersion.const).toBe(DATASET_FORMAT_VERSION);
    expect(schema.$defs.attributes.properties.kind.enum).toEqual([...ACTOR_KINDS]);
  });

  it("counts prefix and suffix lengths in code points, as the export does", () => {
    const document = JSON.parse(exportJson("codepoint")) as Document;
    // 32 code points of emoji are 64 UTF-16 units: still within maxLength.
    Object.assign(document.articles[0]!.tags[0]!, { suffix: "👍".repeat(32) });
    expect(validateDocument(document)).toBe(true);
  });
});
