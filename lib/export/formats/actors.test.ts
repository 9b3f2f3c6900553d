import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { ACTOR_KINDS } from "@/lib/vocabulary";
import schema from "@/lib/export/schema.json";
import type { ExportArticle } from "@/lib/export/shape";
import { ACTORS_CSV_COLUMNS, countActors, type ActorCounts } from "./actors";
import { exportHeader, fixtureArticles, MAYOR_RECORD_NAME, newsArticle, pollsArticle, runExport, sha256 } from "./fixtures";
import { createWriter } from "./index";

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
addFormats(ajv);
ajv.addSchema(schema);
const validateDocument = ajv.getSchema(`${schema.$id}#/$defs/actorsDocument`)!;

type Entry = { id: string; name: string; aliases: string[]; mergedIds: string[] } & ActorCounts;
type Document = { listed: string; actors: Entry[]; articleCount: number; tagCount: number; datasetVersion: string };

const documentOf = (articles: ExportArticle[], header = exportHeader("codepoint")) =>
  JSON.parse(runExport("actors-json", header, articles)) as Document;

describe("actors formats", () => {
  it("lists every root record with its mentions, quotes and claims in the exported tags, valid against the schema", () => {
    const document = documentOf(fixtureArticles());
    expect(validateDocument(document), JSON.stringify(validateDocument.errors)).toBe(true);
    const jsonl = runExport("jsonl", exportHeader("codepoint"), fixtureArticles());
    expect(document).toMatchObject({ listed: "all", articleCount: 3, tagCount: 12, datasetVersion: sha256(jsonl) });
    // Ordered by name in code units ("@" before "L"); the union, which no tag names, is listed with zeros.
    expect(document.actors.map(({ id, mentions, quotes, claims }) => [id, mentions, quotes, claims])).toEqual([
      ["rec-mayor", 1, 0, 1],
      ["rec-dupont", 1, 0, 0],
      ["rec-union", 0, 0, 0],
      ["rec-alvarez", 1, 1, 1],
    ]);
    expect(document.actors[3]).toMatchObject({ aliases: ["Minister Álvarez", "Z. Álvarez"], mergedIds: ["rec-zoe"] });
  });

  it("counts only what the export holds: a quote whose speaker tag was left out counts for no one", () => {
    const news = newsArticle();
    // As with labels=quote,claim: the actor tags are not exported, their links stay in the attributes only.
    const withoutActors = { ...news, tags: news.tags.filter((tag) => tag.label !== "actor"), relations: [] };
    const counts = new Map<string, ActorCounts>();
    countActors(withoutActors, counts);
    expect(counts.size).toBe(0);
    countActors(news, counts);
    countActors(news, counts);
    expect(counts.get("rec-alvarez")).toEqual({ mentions: 2, quotes: 2, claims: 2 });
  });

  it("lists only the records the exported tags name when the registry says so (a blind annotator's export)", () => {
    const header = exportHeader("codepoint");
    const named = { ...header, actors: { ...header.actors!, listsAll: false } };
    const document = documentOf([pollsArticle()], named);
    expect(validateDocument(document)).toBe(true);
    expect(document.listed).toBe("named");
    expect(document.actors.map((entry) => entry.id)).toEqual(["rec-mayor"]);
    expect(documentOf([], named).actors).toEqual([]);
  });

  it("writes the same entries as CSV, lists joined, a name a spreadsheet would run kept as text", () => {
    const out = runExport("actors-csv", exportHeader("utf16"), fixtureArticles());
    const lines = out.split("\r\n");
    expect(lines[0]).toBe(ACTORS_CSV_COLUMNS.join(","));
    expect(lines.slice(1)).toEqual([
      `rec-mayor,'${MAYOR_RECORD_NAME},,government,,,,1,0,1`,
      "rec-dupont,Luc Dupont,,person,,,,1,0,0",
      "rec-union,Teachers’ union,the union,organization,,,,0,0,0",
      'rec-alvarez,Zoë Álvarez,Minister Álvarez; Z. Álvarez,person,"Finance minister, ""the hawk""",Q4115189,rec-zoe,1,1,1',
      "",
    ]);
  });

  it("carries no offsets, and refuses to run without the registry rather than list nothing", () => {
    const { actors: _actors, ...bare } = exportHeader("codepoint");
    for (const format of ["actors-json", "actors-csv"] as const) {
      const writer = createWriter(format, bare);
      expect(writer.offsetUnit).toBeNull();
      expect(() => writer.begin(bare)).toThrow(/actor registry/);
    }
  });

  it("agrees with the code on the kinds a record may have", () => {
    expect(schema.$defs.actorEntry.properties.kind.enum).toEqual([...ACTOR_KINDS, null]);
  });
});
