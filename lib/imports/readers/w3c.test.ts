import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exportHeader, fixtureArticles, runExport } from "@/lib/export/formats/fixtures";
import type { ForeignDocument } from "@/lib/imports/foreign-document";
import { sampleDataset } from "@/lib/testing/foreign-writers/sample";
import { sliceCodePoints, writeW3c } from "@/lib/testing/foreign-writers";
import { companionName, readW3c } from "./w3c";

const fixture = (name: string) => ({ name, bytes: readFileSync(path.join(import.meta.dirname, "fixtures/w3c", name)) });
const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text, "utf8") });
const slice = (document: ForeignDocument, start: number, end: number) =>
  document.unit === "utf16" ? document.text.slice(start, end) : sliceCodePoints(document.text, start, end);

function expectExact(documents: ForeignDocument[]) {
  for (const document of documents)
    for (const span of document.spans) expect(slice(document, span.start!, span.end!), `${document.label} ${span.id}`).toBe(span.quote);
}

describe("companionName", () => {
  it("takes a source's last segment without its extension", () => {
    expect(companionName("urn:margin:article:art-news")).toBe("art-news");
    expect(companionName("https://news.example/2025/budget-story.html?x=1#top")).toBe("budget-story");
    expect(companionName("https://news.example/articles/z%C3%B6e/")).toBe("zöe");
  });
});

describe("readW3c, on an independent writer's files", () => {
  const dataset = sampleDataset();
  const labels = (document: ForeignDocument) => document.spans.map((span) => [span.label, span.quote]);
  const expected = dataset.documents.map((document) =>
    document.entities.map((entity) => [entity.label, sliceCodePoints(document.text, entity.start, entity.end)]),
  );

  it("reads an AnnotationCollection with the texts named after its sources, with notes and links", () => {
    const [json, ...texts] = writeW3c(dataset);
    const { documents, problems } = readW3c(json!, texts);
    expect(problems).toEqual([]);
    expectExact(documents);
    expect(documents.map(labels)).toEqual(expected);
    expect(documents[0]!).toMatchObject({ unit: "codepoint", metadata: { url: "https://news.example/articles/rebuild" } });
    expect(documents[0]!.spans[0]).toMatchObject({ note: "the mayor", prefix: "Mayor " });
    const id = (entity: string) => `https://news.example/annotations/rebuild/${entity}`;
    expect(documents[0]!.links).toEqual([{ from: id("e2"), to: id("e1"), type: "speaker" }]);
  });

  it("reads Hypothesis rows in UTF-16 with their tags, notes, authors and titles", () => {
    const [json, ...texts] = writeW3c(dataset, "hypothesis");
    const { documents, problems } = readW3c(json!, texts);
    expect(problems).toEqual([]);
    expect(documents.map((document) => document.unit)).toEqual(["utf16", "utf16"]);
    expectExact(documents);
    expect(documents.map(labels)).toEqual(expected);
    expect(documents[0]!.metadata.title).toBe("Mayor promises to rebuild");
    expect(documents[0]!.spans[0]).toMatchObject({ note: "the mayor", author: "acct:alice@hypothes.is" });
  });

  it("reads Recogito's bare array and its linking annotations", () => {
    const [json, ...texts] = writeW3c(dataset, "recogito");
    const { documents, problems } = readW3c(json!, texts);
    expect(problems).toEqual([]);
    expectExact(documents);
    expect(documents.map(labels)).toEqual(expected);
    expect(documents[0]!.links).toEqual([{ from: "#rebuild-e2", to: "#rebuild-e1", type: "speaker" }]);
    expect(documents[0]!.spans[0]!.author).toBe("alice");
  });

  it("pairs a lone source with a lone text under any name, and reports a source without text by the name it needs", () => {
    const one = { documents: [dataset.documents[0]!] };
    const [json, text] = writeW3c(one, "recogito");
    expect(readW3c(json!, [{ name: "whatever I saved.txt", bytes: text!.bytes }]).documents).toHaveLength(1);
    const { documents, problems } = readW3c(json!, []);
    expect(documents).toEqual([]);
    expect(problems).toEqual([
      { label: `${json!.name} https://news.example/articles/rebuild`, error: expect.stringContaining("give it as rebuild.txt") },
    ]);
  });
});

describe("readW3c, on Margin's own w3c export", () => {
  it("brings back every tag, its attributes in Margin's names, its note and the links, with each article's text as <id>.txt", () => {
    const articles = fixtureArticles();
    const json = file("budget-watch.jsonld", runExport("w3c", exportHeader("codepoint"), articles));
    const texts = articles.map((article) => file(`${article.id}.txt`, article.text));
    const { documents, problems } = readW3c(json, texts);
    expect(problems).toEqual([]);
    expectExact(documents);
    const tagged = articles.filter((article) => article.tags.length > 0);
    expect(documents.map((document) => document.text)).toEqual(tagged.map((article) => article.text));
    tagged.forEach((article, index) => {
      const document = documents[index]!;
      expect(document.spans.map((span) => [span.label, span.start, span.end, span.note ?? null])).toEqual(
        article.tags.map((tag) => [tag.label, tag.start, tag.end, tag.note]),
      );
      for (const [position, tag] of article.tags.entries()) {
        // Links come back as links, and the record a tag counted for is the exporting project's, never read.
        const wanted = Object.fromEntries(Object.entries(tag.attributes).filter(([key]) => !key.endsWith("Id") && key !== "actorName"));
        expect(document.spans[position]!.attributes ?? {}).toEqual(wanted);
        expect(document.spans[position]!.author).toBe(tag.authors[0]!.email);
      }
      const urn = (id: string) => `urn:margin:tag:${id}`;
      expect(document.links).toEqual(
        article.relations.map((relation) => ({ from: urn(relation.from), to: urn(relation.to), type: relation.type })),
      );
    });
  });
});

describe("readW3c, on a hand-written Recogito page", () => {
  const { documents, problems } = readW3c(fixture("recogito-hand.jsonld"), [fixture("budget-story.txt")]);
  const [document] = documents;

  it("reads classifying and tagging bodies, a plain identifying name but not a URI, notes and creators", () => {
    expect(document!.label).toBe("recogito-hand.jsonld https://news.example/2025/budget-story.html");
    expect(document!.spans[0]).toMatchObject({
      id: "#a1",
      label: "Person",
      start: 0,
      end: 20,
      quote: "Minister Zoë Álvarez",
      suffix: " 🗳️ said",
      note: "Finance minister — since 2024",
      author: "ana@example.com",
      attributes: { canonicalName: "Zoë Álvarez" },
    });
    expect(document!.spans[1]!.attributes).toBeUndefined();
  });

  it("keeps positions counted in another unit with their quote, for the anchoring step to repair", () => {
    // 31–54 counts the ballot box emoji as three UTF-16 units; the quote says where the words are.
    expect(document!.spans[1]).toMatchObject({ label: "Quote", start: 31, end: 54, quote: "“We will not back down”" });
    expect(sliceCodePoints(document!.text, 31, 54)).not.toBe("“We will not back down”");
  });

  it("reports a reversed position, an annotation with no label and a link to nowhere", () => {
    expect(document!.spans[2]).toMatchObject({ label: "Figure", quote: "1,219 voters" });
    expect(document!.spans[2]!.start).toBeUndefined();
    expect(document!.links).toEqual([{ from: "#a2", to: "#a1", type: "speaker" }]);
    expect(problems).toEqual([
      { label: "recogito-hand.jsonld annotation #a3", error: expect.stringContaining("72–60 is not a range; placed by its quote") },
      { label: "recogito-hand.jsonld annotation #a4", error: expect.stringContaining("no tagging body") },
      { label: "recogito-hand.jsonld annotation #l2", error: expect.stringContaining("(source)") },
    ]);
  });
});

describe("readW3c refuses, with one problem", () => {
  for (const [what, text] of [
    ["not JSON", "T1\tPerson 0 5\tJapan"],
    ["some other JSON", '{"tasks": []}'],
    ["a collection of linked pages", '{"type": "AnnotationCollection", "first": "https://x/page1"}'],
    ["an empty array", "[]"],
  ] as const) {
    it(what, () => {
      const { documents, problems } = readW3c(file("x.jsonld", text));
      expect(documents).toEqual([]);
      expect(problems).toEqual([{ label: "x.jsonld", error: expect.any(String) }]);
    });
  }
});
