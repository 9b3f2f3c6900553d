import { describe, expect, it } from "vitest";
import { AUTO_REVIEWER_NAME } from "@/lib/tags/record";
import {
  buildArticle,
  CodePoints,
  exportAttributes,
  MARGIN_REVIEWER,
  relationsOf,
  UNKNOWN_EMAIL,
  type ArticleRow,
  type TagRow,
} from "./build";
import { actorLinks } from "./actor-registry";
import { contentDisposition } from "./http";
import { isoOf, parseReviews, parseTags } from "./rows";
import { changedFields } from "./snapshot-diff";
import { sliceIn } from "./test-support";

const TEXT = "😀 “Quote,” said Zoë — 1,219 voters 🗳️ agreed 👩🏽‍🤝‍👩🏻. 𝒳 marks the spot.";
const ARTICLE: ArticleRow = {
  id: "a1",
  title: "T",
  byline: null,
  source: null,
  url: null,
  publishedAt: null,
  language: "en",
  status: "new",
  text: TEXT,
};
const ana = { id: "u1", email: "ana@example.com", name: "Ana" };
const people = new Map([[ana.id, ana]]);

function row(id: string, label: TagRow["label"], words: string, fields: Partial<TagRow> = {}): TagRow {
  const start = [...TEXT.slice(0, TEXT.indexOf(words))].length;
  return {
    id,
    label,
    start,
    end: start + [...words].length,
    status: "pending",
    attributes: {},
    note: null,
    annotatorIds: [ana.id],
    authorId: ana.id,
    createdAt: "2026-03-01T09:00:00.000Z",
    updatedAt: "2026-03-01T09:00:00.000Z",
    ...fields,
  };
}

describe("buildArticle", () => {
  it("cuts text, prefix and suffix by code points, across astral characters and ZWJ sequences", () => {
    const tags = [row("t3", "figure", "1,219 voters 🗳️ agreed 👩🏽‍🤝‍👩🏻"), row("t1", "quote", "“Quote,”"), row("t2", "actor", "𝒳")];
    const article = buildArticle(ARTICLE, tags, [], people);
    expect(article.tags.map((tag) => tag.id)).toEqual(["t1", "t3", "t2"]);
    for (const tag of article.tags) {
      expect(sliceIn(TEXT, tag.start, tag.end, "codepoint")).toBe(tag.text);
      const points = [...TEXT];
      expect(tag.prefix).toBe(points.slice(Math.max(0, tag.start - 32), tag.start).join(""));
      expect(tag.suffix).toBe(points.slice(tag.end, tag.end + 32).join(""));
    }
    expect(article.tags[0]!.prefix).toBe("😀 ");
  });

  it("orders tags by start, end, then id as UTF-16 strings (no collation), and leaves out spans that do not fit", () => {
    const same = (id: string) => row(id, "actor", "Zoë");
    const broken = { ...row("bad", "actor", "Zoë"), end: 10_000 };
    const article = buildArticle(ARTICLE, [same("b"), same("B"), same("a-2"), same("a"), broken], [], people);
    expect(article.tags.map((tag) => tag.id)).toEqual(["B", "a", "a-2", "b"]);
  });

  it("names authors in order, unknown people by an address that is nobody's, Margin's decisions as Margin's", () => {
    const tag = row("t1", "actor", "Zoë", { annotatorIds: [ana.id, "gone"], status: "accepted" });
    const reviews = [
      { id: "r2", annotationId: "t1", reviewerId: null, decision: "accept" as const, comment: null, createdAt: "2026-03-02T00:00:00.000Z" },
      {
        id: "r1",
        annotationId: "t1",
        reviewerId: ana.id,
        decision: "reject" as const,
        comment: "no",
        createdAt: "2026-03-01T00:00:00.000Z",
      },
      {
        id: "r9",
        annotationId: "other",
        reviewerId: ana.id,
        decision: "accept" as const,
        comment: null,
        createdAt: "2026-03-01T00:00:00.000Z",
      },
    ];
    const [built] = buildArticle(ARTICLE, [tag], reviews, people).tags;
    expect(built!.authors).toEqual([ana, { id: "gone", email: UNKNOWN_EMAIL, name: null }]);
    expect(built!.reviews.map((review) => [review.reviewer.id, review.decision])).toEqual([
      ["u1", "reject"],
      ["margin", "accept"],
    ]);
    expect(MARGIN_REVIEWER.name).toBe(AUTO_REVIEWER_NAME);
  });

  it("keeps each label's attributes only, and links that point inside the export as relations", () => {
    expect(exportAttributes("actor", { canonicalName: "Zoë", kind: "person" })).toEqual({ canonicalName: "Zoë", kind: "person" });
    expect(exportAttributes("quote", { speakerId: "a", direct: true, canonicalName: "left over", value: 3 })).toEqual({
      speakerId: "a",
      direct: true,
    });
    expect(exportAttributes("figure", { value: null, unit: null, approximate: "yes" })).toEqual({ value: null, unit: null });
    const article = buildArticle(
      ARTICLE,
      [
        row("actor", "actor", "Zoë"),
        row("quote", "quote", "“Quote,”", { attributes: { speakerId: "actor" } }),
        row("claim", "claim", "agreed", { attributes: { sourceId: "filtered-out" } }),
      ],
      [],
      people,
    );
    expect(article.relations).toEqual([{ from: "quote", to: "actor", type: "speaker" }]);
    expect(article.tags.find((tag) => tag.id === "claim")!.attributes).toEqual({ sourceId: "filtered-out" });
    expect(relationsOf(article.tags.filter((tag) => tag.id !== "actor"))).toEqual([]);
  });

  it("puts an actor's record, resolved to its root, in place of the stored actorId, and none it cannot resolve", () => {
    const links = actorLinks([
      {
        id: "root-record",
        name: "Zoë Álvarez",
        aliases: [],
        kind: null,
        description: null,
        externalId: null,
        mergedIntoId: null,
        rootId: "root-record",
      },
      {
        id: "merged-record",
        name: "Ms. Álvarez",
        aliases: [],
        kind: null,
        description: null,
        externalId: null,
        mergedIntoId: "root-record",
        rootId: "root-record",
      },
    ]);
    const article = buildArticle(
      ARTICLE,
      [
        row("linked", "actor", "Zoë", { attributes: { actorId: "merged-record", canonicalName: "Zoë" } }),
        row("unknown", "actor", "𝒳", { attributes: { actorId: "another-projects", kind: "other" } }),
        // Only actors have records: a stray one on a quote is not exported.
        row("quote", "quote", "“Quote,”", { attributes: { direct: true, actorId: "root-record" } }),
      ],
      [],
      people,
      links,
    );
    const attributes = Object.fromEntries(article.tags.map((tag) => [tag.id, tag.attributes]));
    expect(attributes).toEqual({
      linked: { canonicalName: "Zoë", actorId: "root-record", actorName: "Zoë Álvarez" },
      unknown: { kind: "other" },
      quote: { direct: true },
    });
    // Without the registry, no actor tag names a record.
    expect(
      buildArticle(ARTICLE, [row("linked", "actor", "Zoë", { attributes: { actorId: "root-record" } })], [], people).tags[0]!.attributes,
    ).toEqual({});
  });
});

describe("CodePoints", () => {
  it.each(["plain ASCII text", TEXT, "🗳️🗳️🗳️", "\uD800 lone surrogate", ""])("converts like Array.from for %j", (text) => {
    const index = new CodePoints(text);
    const points = [...text];
    expect(index.length).toBe(points.length);
    for (let point = 0; point <= points.length; point++) expect(index.toUtf16(point)).toBe(points.slice(0, point).join("").length);
  });
});

describe("rows from PostgreSQL", () => {
  it("reads timestamps in PostgreSQL's ISO output as Date.toISOString() writes them", () => {
    expect(isoOf("2026-03-12 06:30:00")).toBe("2026-03-12T06:30:00.000Z");
    expect(isoOf("2026-03-12 06:30:00.1")).toBe("2026-03-12T06:30:00.100Z");
    expect(isoOf("2026-03-12 06:30:00.12")).toBe("2026-03-12T06:30:00.120Z");
    expect(isoOf("2026-03-12 06:30:00.123")).toBe("2026-03-12T06:30:00.123Z");
  });

  it("parses packed tags and decisions, free texts as JSON", () => {
    const note = 'a "note"\nwith \u001e control characters';
    const [tag] = parseTags(
      JSON.stringify([
        ["t1", "quote", 3, 9, "accepted", { speakerId: "t0" }, note, ["u1", "u2"], "u1", "2026-03-12 06:30:00.5", "2026-03-12 06:31:00"],
      ]),
    );
    expect(tag).toEqual({
      id: "t1",
      label: "quote",
      start: 3,
      end: 9,
      status: "accepted",
      attributes: { speakerId: "t0" },
      note,
      annotatorIds: ["u1", "u2"],
      authorId: "u1",
      createdAt: "2026-03-12T06:30:00.500Z",
      updatedAt: "2026-03-12T06:31:00.000Z",
    });
    expect(parseReviews(JSON.stringify([["r1", "t1", null, "accept", "2026-03-12 06:30:00", null]]))).toEqual([
      { id: "r1", annotationId: "t1", reviewerId: null, decision: "accept", createdAt: "2026-03-12T06:30:00.000Z", comment: null },
    ]);
    expect(parseTags(null)).toEqual([]);
  });
});

describe("export responses", () => {
  it("names the file, exactly for clients that read filename*", () => {
    expect(contentDisposition("demo-20260312", "jsonl")).toBe('attachment; filename="demo-20260312.jsonl"');
    expect(contentDisposition("demo-20260312", "jsonl", "jsonl")).toBe('attachment; filename="demo-20260312.jsonl"');
    expect(contentDisposition("demo-20260312", "json", "labelstudio")).toBe('attachment; filename="demo-20260312.labelstudio.json"');
    expect(contentDisposition("demo-20260312", "jsonl", "spacy")).toBe('attachment; filename="demo-20260312.spacy.jsonl"');
    expect(contentDisposition("demo-Élection 2026", "json")).toBe(
      `attachment; filename="demo-_lection_2026.json"; filename*=UTF-8''demo-%C3%89lection%202026.json`,
    );
  });
});

describe("snapshot diff", () => {
  it("names what changed in a tag", () => {
    const [before] = buildArticle(
      ARTICLE,
      [row("t1", "actor", "Zoë", { attributes: { kind: "person", canonicalName: "Zoë" } })],
      [],
      people,
    ).tags;
    const after = {
      ...before!,
      label: "quote" as const,
      start: before!.start + 1,
      attributes: { canonicalName: "Zoë", kind: "person" as const },
      status: "accepted" as const,
    };
    expect(changedFields(before!, after)).toEqual(["label", "span", "status"]);
    expect(changedFields(before!, { ...before!, attributes: { canonicalName: "Zoe" } })).toEqual(["attributes"]);
  });
});
