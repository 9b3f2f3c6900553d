import { describe, expect, it } from "vitest";
import type { OffsetUnit } from "@/lib/tags/offsets";
import type { ExportArticle } from "@/lib/export/shape";
import { exportHeader, fixtureArticles, runExport, sliceIn, tagOver } from "./fixtures";
import { spacyDoc, type ProdigyToken } from "./spacy";

type Span = { start: number; end: number; label: string; token_start: number; token_end: number };
type SpacyDoc = { text: string; tokens: ProdigyToken[]; spans: Span[]; meta: { id: string; title: string } };

const docsOf = (unit: OffsetUnit) =>
  runExport("spacy", exportHeader(unit), fixtureArticles())
    .slice(0, -1)
    .split("\n")
    .map((line) => JSON.parse(line) as SpacyDoc);

/** What Prodigy and spaCy take for granted of tokens, checked the way Python would (code points). */
function expectProdigyTokens(doc: SpacyDoc) {
  const points = [...doc.text];
  let rebuilt = "";
  doc.tokens.forEach((token, index) => {
    expect(token.id).toBe(index);
    expect(token.text).not.toBe("");
    expect(points.slice(token.start, token.end).join("")).toBe(token.text);
    expect(token.start).toBe(index === 0 ? 0 : doc.tokens[index - 1]!.end + (doc.tokens[index - 1]!.ws ? 1 : 0));
    rebuilt += token.text + (token.ws ? " " : "");
  });
  // spaCy's Doc(vocab, words, spaces) gives the text back.
  expect(rebuilt).toBe(doc.text);
  for (const span of doc.spans) {
    expect(doc.tokens[span.token_start]!.start, JSON.stringify(span)).toBe(span.start);
    expect(doc.tokens[span.token_end]!.end, JSON.stringify(span)).toBe(span.end);
    expect(span.token_start).toBeLessThanOrEqual(span.token_end);
  }
}

describe("spacy writer", () => {
  it.each<OffsetUnit>(["codepoint", "utf16"])(
    "slices every tag in code points, as Python does, whatever the header's unit (%s)",
    (unit) => {
      const docs = docsOf(unit);
      expect(docs.map((doc) => doc.meta)).toEqual(fixtureArticles().map((item) => ({ id: item.id, title: item.title })));
      fixtureArticles().forEach((item, index) => {
        const doc = docs[index]!;
        expect(Object.keys(doc)).toEqual(["text", "tokens", "spans", "meta"]);
        expect(doc.text).toBe(item.text);
        const sliced = doc.spans.map((span) => `${span.label}:${sliceIn(doc.text, span.start, span.end, "codepoint")}`).sort();
        expect(sliced).toEqual(item.tags.map((tag) => `${tag.label}:${tag.text}`).sort());
        expectProdigyTokens(doc);
      });
    },
  );

  it("sorts spans by start, end and label, and keeps overlapping ones", () => {
    const [news] = docsOf("codepoint");
    const order = news!.spans.map((span) => [span.start, span.end, span.label] as const);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2])));
    expect(news!.spans.map((span) => span.label)).toEqual([
      "quote",
      "actor",
      "actor",
      "figure",
      "claim",
      "claim",
      "claim",
      "figure",
      "actor",
    ]);
  });

  it("writes words, emoji and paragraph breaks as tokens, with a space after a word as its ws", () => {
    const doc = docsOf("codepoint")[1]!;
    expect(doc.spans).toEqual([]);
    expect(doc.tokens.map((token) => [token.text, token.ws])).toEqual([
      ["No", true],
      ["tags", true],
      ["here", false],
      [",", true],
      ["yet", true],
      ["—", true],
      ["🗳️", true],
      ["soon", false],
      [".", false],
    ]);
    const news = docsOf("codepoint")[0]!;
    expect(news.tokens.filter((token) => /^\s+$/.test(token.text)).map((token) => token.text)).toEqual(["\n\n"]);
  });

  it("splits a token where a tag starts or ends inside it, so that every span's edges are token edges", () => {
    const text = "Zoë’s “self-funded” plan costs €4.5bn 👍🏽 — said  the mayor.";
    const item: ExportArticle = {
      ...fixtureArticles()[1]!,
      text,
      tags: [
        // "Zoë" inside the token "Zoë’s"; "funded" inside "self-funded"; "4.5" inside "€4.5bn" (a token "4.5bn").
        tagOver(text, "Zoë", { id: "a", label: "actor" }),
        tagOver(text, "funded” plan", { id: "c", label: "claim" }),
        tagOver(text, "4.5", { id: "f", label: "figure" }),
        // Ends on the space a word owns, and starts inside a run of two spaces.
        tagOver(text, "👍🏽 ", { id: "q", label: "quote" }),
        tagOver(text, " the mayor", { id: "m", label: "actor" }),
      ].sort((a, b) => a.start - b.start),
    };
    const doc = JSON.parse(JSON.stringify(spacyDoc(item))) as SpacyDoc;
    expectProdigyTokens(doc);
    const textOf = (span: Span) =>
      doc.tokens
        .slice(span.token_start, span.token_end + 1)
        .map((token, index, all) => token.text + (token.ws && index < all.length - 1 ? " " : ""))
        .join("");
    expect(doc.spans.map((span) => [span.label, textOf(span), sliceIn(text, span.start, span.end, "codepoint")])).toEqual([
      ["actor", "Zoë", "Zoë"],
      ["claim", "funded” plan", "funded” plan"],
      ["figure", "4.5", "4.5"],
      ["quote", "👍🏽 ", "👍🏽 "],
      ["actor", " the mayor", " the mayor"],
    ]);
    expect(doc.tokens.slice(0, 2).map((token) => [token.text, token.ws])).toEqual([
      ["Zoë", false],
      ["’s", true],
    ]);
  });
});
