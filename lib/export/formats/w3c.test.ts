import { describe, expect, it } from "vitest";
import type { OffsetUnit } from "@/lib/tags/offsets";
import { exportHeader, fixtureArticles, MAYOR_RECORD_NAME, runExport, sha256, sliceIn } from "./fixtures";
import { serializeArticle } from "./jsonl";
import { articleUrn, collectionUrn, tagUrn } from "./w3c";

type Selector = { type: string; exact?: string; prefix?: string; suffix?: string; start?: number; end?: number };
type Body = { type: string; purpose: string; value?: string; source?: string | { id: string; label?: string } };
type Annotation = {
  id: string;
  type: string;
  motivation: string;
  creator?: { id: string; type: string; name?: string; email: string }[];
  created?: string;
  modified?: string;
  body: Body[];
  target: string | { type: string; source: string; selector: Selector[] };
  "margin:status"?: string;
  "margin:attributes"?: Record<string, unknown>;
  "margin:reviews"?: unknown[];
};
type Collection = {
  "@context": unknown[];
  id: string;
  type: string;
  label: string;
  total: number;
  last: string;
  first: { id: string; type: string; partOf: string; startIndex: number; items: Annotation[] };
} & Record<string, unknown>;

const collectionOf = (unit: OffsetUnit) => JSON.parse(runExport("w3c", exportHeader(unit), fixtureArticles())) as Collection;

describe("w3c writer", () => {
  it("writes one AnnotationCollection with its page embedded", () => {
    const collection = collectionOf("codepoint");
    expect(collection["@context"][0]).toBe("http://www.w3.org/ns/anno.jsonld");
    expect(collection).toMatchObject({ type: "AnnotationCollection", label: "Budget watch", total: 12 + 3 });
    expect(collection.id).toMatch(/^urn:margin:project:budget-watch:export:[0-9a-f]{16}$/);
    expect(collection.first).toMatchObject({ id: `${collection.id}:page:1`, type: "AnnotationPage", partOf: collection.id, startIndex: 0 });
    expect(collection.last).toBe(collection.first.id);
    expect(collection.first.items).toHaveLength(collection.total);
    const jsonl = fixtureArticles()
      .map((item) => `${serializeArticle(item, "codepoint")}\n`)
      .join("");
    expect(collection["margin:datasetVersion"]).toBe(sha256(jsonl));
  });

  it("names the collection after the project and its filters, not the time of export", () => {
    const header = exportHeader("codepoint");
    expect(collectionUrn(header)).toBe(collectionUrn({ ...header, filters: { from: "2026-01-01", status: ["accepted", "pending"] } }));
    expect(collectionUrn(header)).not.toBe(collectionUrn({ ...header, filters: {} }));
  });

  it.each<OffsetUnit>(["codepoint", "utf16"])("positions every tag in code points whatever the header's unit (%s)", (unit) => {
    const articles = new Map(fixtureArticles().map((item) => [articleUrn(item.id), item]));
    const tagging = collectionOf(unit).first.items.filter((item) => item.motivation === "tagging");
    expect(tagging).toHaveLength(12);
    for (const annotation of tagging) {
      if (typeof annotation.target === "string") throw new Error("a tag targets its article");
      const item = articles.get(annotation.target.source)!;
      const tag = item.tags.find((candidate) => tagUrn(candidate.id) === annotation.id)!;
      const quote = annotation.target.selector.find((selector) => selector.type === "TextQuoteSelector")!;
      const position = annotation.target.selector.find((selector) => selector.type === "TextPositionSelector")!;
      expect(quote.exact).toBe(tag.text);
      expect(sliceIn(item.text, position.start!, position.end!, "codepoint")).toBe(quote.exact);
      // The context around the position is what the quote selector says, and is left out when empty.
      expect(
        [...item.text]
          .slice(0, position.start!)
          .join("")
          .endsWith(quote.prefix ?? ""),
      ).toBe(true);
      expect(
        [...item.text]
          .slice(position.end!)
          .join("")
          .startsWith(quote.suffix ?? ""),
      ).toBe(true);
      expect("prefix" in quote).toBe(tag.prefix !== "");
      expect(annotation.body[0]).toEqual({ type: "TextualBody", purpose: "tagging", value: tag.label });
      expect(annotation["margin:attributes"]).toEqual(tag.attributes);
      expect(annotation["margin:status"]).toBe(tag.status);
      expect(annotation.creator!.map((agent) => agent.email)).toEqual(tag.authors.map((author) => `mailto:${author.email}`));
      expect([annotation.created, annotation.modified]).toEqual([tag.createdAt, tag.updatedAt]);
    }
  });

  it("carries canonical names as identifying bodies and notes as comments", () => {
    const items = new Map(collectionOf("codepoint").first.items.map((item) => [item.id, item]));
    expect(items.get(tagUrn("a1"))!.body).toContainEqual({ type: "TextualBody", purpose: "identifying", value: "Zoë Álvarez" });
    expect(items.get(tagUrn("f2"))!.body).toContainEqual({
      type: "TextualBody",
      purpose: "commenting",
      value: 'Converted, "roughly"\nsee: budget table, p. 4',
    });
    expect(items.get(tagUrn("a1"))!.creator![1]).toEqual({ id: "urn:margin:user:u-ben", type: "Person", email: "mailto:ben@example.com" });
  });

  it("identifies an actor's record with a SpecificResource body whose source is the record, named", () => {
    const items = new Map(collectionOf("codepoint").first.items.map((item) => [item.id, item]));
    const identifying = (id: string) => items.get(tagUrn(id))!.body.filter((body) => body.purpose === "identifying");
    expect(identifying("a1")).toEqual([
      { type: "TextualBody", purpose: "identifying", value: "Zoë Álvarez" },
      { type: "SpecificResource", purpose: "identifying", source: { id: "urn:margin:actor:rec-alvarez", label: "Zoë Álvarez" } },
    ]);
    // A record and no canonical name: the record alone identifies the mayor. An actor with neither: nothing.
    expect(identifying("a-mayor")).toEqual([
      { type: "SpecificResource", purpose: "identifying", source: { id: "urn:margin:actor:rec-mayor", label: MAYOR_RECORD_NAME } },
    ]);
    expect(identifying("a2")).toEqual([]);
    expect(items.get(tagUrn("a1"))!["margin:attributes"]).toMatchObject({ actorId: "rec-alvarez", actorName: "Zoë Álvarez" });
  });

  it("links a quote to its speaker and a claim to its source with linking annotations", () => {
    const links = collectionOf("codepoint").first.items.filter((item) => item.motivation === "linking");
    expect(links.map((link) => [link.target, link.body[0]!.source, link.body[1]!.value])).toEqual([
      [tagUrn("c1"), tagUrn("a1"), "source"],
      [tagUrn("q1"), tagUrn("a1"), "speaker"],
      [tagUrn("c-polls"), tagUrn("a-mayor"), "source"],
    ]);
    expect(links[1]).toMatchObject({
      id: `${tagUrn("q1")}:speaker`,
      body: [
        { type: "SpecificResource", purpose: "linking" },
        { type: "TextualBody", purpose: "tagging" },
      ],
    });
    expect(new Set(collectionOf("codepoint").first.items.map((item) => item.id)).size).toBe(15);
  });

  it("separates items right when articles without tags come first or alone", () => {
    const [news, empty, polls] = fixtureArticles();
    const alone = JSON.parse(runExport("w3c", exportHeader("codepoint"), [empty!])) as Collection;
    expect([alone.total, alone.first.items]).toEqual([0, []]);
    const later = JSON.parse(runExport("w3c", exportHeader("codepoint"), [empty!, polls!, empty!, news!])) as Collection;
    expect(later.first.items).toHaveLength(later.total);
    expect(later.total).toBe(15);
  });

  it("writes the same bytes twice", () => {
    expect(runExport("w3c", exportHeader("utf16"), fixtureArticles())).toBe(runExport("w3c", exportHeader("utf16"), fixtureArticles()));
  });
});
