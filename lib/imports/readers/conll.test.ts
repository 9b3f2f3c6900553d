import { readFileSync } from "node:fs";
import path from "node:path";
import { outermostRuns } from "@/lib/export/formats/conll";
import { tokenize } from "@/lib/text/tokens";
import { describe, expect, it } from "vitest";
import { exportHeader, fixtureArticles } from "@/lib/export/formats/fixtures";
import { runExport } from "@/lib/export/formats/fixtures";
import type { ForeignDocument } from "@/lib/imports/foreign-document";
import { sampleDataset } from "@/lib/testing/foreign-writers/sample";
import { sliceCodePoints, writeConll } from "@/lib/testing/foreign-writers";
import { joinTokens, readConll } from "./conll";

const fixture = (name: string) => ({ name, bytes: readFileSync(path.join(import.meta.dirname, "fixtures/conll", name)) });
const labelled = (document: ForeignDocument) => document.spans.map((span) => [span.label, span.quote]);
const words = (text: string) => text.replace(/\s+/g, "");

function expectExact(documents: ForeignDocument[]) {
  for (const document of documents) {
    expect(document.unit).toBe("codepoint");
    for (const span of document.spans) expect(sliceCodePoints(document.text, span.start!, span.end!)).toBe(span.quote);
  }
}

describe("joinTokens", () => {
  it("rebuilds text deterministically: no space before closing or after opening punctuation, sentences on lines", () => {
    const { text, offsets } = joinTokens([
      ["“", "We", "win", ",", "”", "said", "Zoë", "(", "🗳️", ")", "."],
      ['"', "No", '"', "is", "n't", "an", "answer", "."],
    ]);
    expect(text).toBe('“We win,” said Zoë (🗳️).\n"No" isn\'t an answer.');
    expect(offsets[0]![8]).toEqual([20, 22]);
    expect(sliceCodePoints(text, 20, 22)).toBe("🗳️");
  });
});

describe("readConll, on an independent writer's files", () => {
  const dataset = sampleDataset();
  // CoNLL is flat and token-based: the writer keeps the entities that overlap nothing; all of the sample's do.
  const expected = dataset.documents.map((document) =>
    document.entities.map((entity) => [entity.label, words(sliceCodePoints(document.text, entity.start, entity.end))]),
  );

  for (const options of [{ scheme: "iob2" as const }, { scheme: "iob1" as const }, { tabs: true }]) {
    it(`reads the same labels on the same words (${JSON.stringify(options)})`, () => {
      const { documents, problems } = readConll(writeConll(dataset, options));
      expect(problems).toEqual([]);
      expect(documents).toHaveLength(2);
      expectExact(documents);
      expect(documents.map((document) => document.spans.map((span) => [span.label, words(span.quote!)]))).toEqual(expected);
    });
  }
});

describe("readConll, on hand-written files", () => {
  it("reads CoNLL-2003 in IOB1 from the last column, ignoring POS and chunk tags, one document per -DOCSTART-", () => {
    const { documents, problems } = readConll(fixture("reuters-iob1.conll"));
    expect(problems).toEqual([]);
    expectExact(documents);
    expect(documents[0]!.text).toBe("EU rejects German call to boycott British lamb.\nPeter Blackburn");
    expect(labelled(documents[0]!)).toEqual([
      ["ORG", "EU"],
      ["MISC", "German"],
      ["MISC", "British"],
      ["PER", "Peter Blackburn"],
    ]);
    expect(documents[1]!.text).toBe("“Zoë Álvarez” met Ana Ruiz Luc Dupont — 🗳️ (1,219).");
    expect(labelled(documents[1]!)).toEqual([
      ["PER", "Zoë Álvarez"],
      ["PER", "Ana Ruiz"],
      ["PER", "Luc Dupont"],
    ]);
  });

  it("reads tab-separated BIOES with comments, and straight quotes by turns", () => {
    const { documents } = readConll(fixture("bioes.tsv"));
    expectExact(documents);
    expect(documents[0]!.text).toBe('Mayor Ana Ruiz said: "We will" in Paris 🚒 Lyon.');
    expect(labelled(documents[0]!)).toEqual([
      ["PER", "Ana Ruiz"],
      ["LOC", "Paris"],
      ["LOC", "Lyon"],
    ]);
  });

  it("reads every column of Margin's multi-column layout, a quote continuing across sentences", () => {
    const { documents } = readConll(fixture("margin-columns.conll"));
    expectExact(documents);
    expect(documents[0]!.label).toBe("margin-columns.conll article art-1");
    expect(labelled(documents[0]!)).toEqual([
      ["actor", "Minister Zoë Álvarez"],
      ["actor", "Zoë Álvarez"],
      ["quote", "“We win.\nTruly”"],
    ]);
  });

  it("turns a tag with no label into a problem, and a line without a tag too", () => {
    const { documents, problems } = readConll({ name: "x.conll", bytes: Buffer.from("Ana B-PER\nRuiz B-\nlonely\n", "utf8") });
    expect(documents).toHaveLength(1);
    expect(problems).toEqual([
      { label: "x.conll line 3", error: expect.stringContaining("expected a token and its tag") },
      { label: "x.conll line 2", error: expect.stringContaining('"B-"') },
    ]);
  });

  it("refuses garbage with one problem saying what was expected", () => {
    for (const bytes of [
      Buffer.from('{"text": "not conll"}\n', "utf8"),
      Buffer.from("hello world\nfoo bar baz\n", "utf8"),
      Buffer.from([0xff, 0xfe, 0x00]),
    ]) {
      const { documents, problems } = readConll({ name: "g.conll", bytes });
      expect(documents).toEqual([]);
      expect(problems).toHaveLength(1);
      expect(problems[0]!.label).toBe("g.conll");
    }
  });
});

describe("readConll, on Margin's own conll export", () => {
  it("brings back each outermost tag's label on its words", () => {
    const articles = fixtureArticles();
    const { documents, problems } = readConll({
      name: "export.conll",
      bytes: Buffer.from(runExport("conll", exportHeader("codepoint"), articles), "utf8"),
    });
    expect(problems).toEqual([]);
    expectExact(documents);
    // Every article comes back, the untagged one too: it is an article with no spans.
    expect(documents).toHaveLength(articles.length);
    articles.forEach((article, index) => {
      const read = documents[index]!.spans.map((span) => [span.label, words(span.quote!)] as const);
      // The export keeps, of tags sharing a token, the first by position and length (conll.ts outermostRuns,
      // whose round trip lib/imports/round-trips.test.ts checks word for word): one span per such run.
      expect(read).toHaveLength(outermostRuns(article, tokenize(article.text)).length);
      for (const [label, quote] of read)
        expect(article.tags.some((tag) => tag.label === label && quote.includes(words(tag.text)))).toBe(true);
    });
  });
});
