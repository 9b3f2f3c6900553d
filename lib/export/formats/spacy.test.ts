import { describe, expect, it } from "vitest";
import type { OffsetUnit } from "@/lib/tags/offsets";
import { exportHeader, fixtureArticles, runExport, sliceIn } from "./fixtures";

type SpacyDoc = { text: string; spans: { start: number; end: number; label: string }[]; meta: { id: string; title: string } };

const docsOf = (unit: OffsetUnit) =>
  runExport("spacy", exportHeader(unit), fixtureArticles())
    .slice(0, -1)
    .split("\n")
    .map((line) => JSON.parse(line) as SpacyDoc);

describe("spacy writer", () => {
  it.each<OffsetUnit>(["codepoint", "utf16"])(
    "slices every tag in code points, as Python does, whatever the header's unit (%s)",
    (unit) => {
      const docs = docsOf(unit);
      expect(docs.map((doc) => doc.meta)).toEqual(fixtureArticles().map((item) => ({ id: item.id, title: item.title })));
      fixtureArticles().forEach((item, index) => {
        const doc = docs[index]!;
        expect(Object.keys(doc)).toEqual(["text", "spans", "meta"]);
        expect(doc.text).toBe(item.text);
        const sliced = doc.spans.map((span) => `${span.label}:${sliceIn(doc.text, span.start, span.end, "codepoint")}`).sort();
        expect(sliced).toEqual(item.tags.map((tag) => `${tag.label}:${tag.text}`).sort());
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

  it("writes an article without tags as a line with no spans", () => {
    expect(docsOf("codepoint")[1]).toEqual({
      text: fixtureArticles()[1]!.text,
      spans: [],
      meta: { id: "art-empty", title: 'Budget, "draft" 2' },
    });
  });
});
