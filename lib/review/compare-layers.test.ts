import { describe, expect, it } from "vitest";
import type { Label } from "@/lib/vocabulary";
import type { TagRecord } from "@/lib/tags/record";
import { compareLayers } from "./compare-layers";

const record = (label: Label, authorId: string, extra: Partial<TagRecord> = {}): TagRecord => ({
  label,
  authorId,
  authorName: authorId,
  createdAt: "2026-12-01T00:00:00Z",
  updatedAt: "2026-12-01T00:00:00Z",
  attributes: {},
  note: null,
  ...extra,
});
const ALL = new Set<Label>(["actor", "claim", "figure", "quote"]);

describe("compare mode", () => {
  // "Ana Ruiz said 1,219": A and B both tag the name; A's figure was rejected by a reviewer; B's quote
  // covers other words; C (a third annotator) is not part of the pair.
  const tags = new Map<string, TagRecord>([
    ["a-name", record("actor", "a")],
    ["b-name", record("actor", "b")],
    ["a-figure", record("figure", "a", { status: "rejected" })],
    ["b-quote", record("quote", "b")],
    ["c-name", record("claim", "c")],
    [
      "gold",
      record("actor", "a", {
        annotators: [
          { id: "a", name: "a" },
          { id: "b", name: "b" },
        ],
      }),
    ],
    ["orphan", record("actor", "b")],
  ]);
  const spans = new Map([
    ["a-name", { start: 0, end: 8 }],
    ["b-name", { start: 0, end: 8 }],
    ["a-figure", { start: 14, end: 19 }],
    ["b-quote", { start: 9, end: 19 }],
    ["c-name", { start: 0, end: 8 }],
    ["gold", { start: 20, end: 25 }],
  ]);

  it("counts every placed tag of the pair whatever its review status, as the Agreement page does", () => {
    const { disagreements, agreed } = compareLayers(tags, spans, { a: "a", b: "b" }, ALL);
    // The identical names and the gold tag both made agree; C's tag and the orphan (no words) do not count.
    expect(agreed).toBe(2);
    // A's rejected figure overlaps B's quote: a disagreement on boundaries (and labels), counted all the same.
    expect(disagreements.map((item) => [item.kind, item.a?.id ?? null, item.b?.id ?? null])).toEqual([["boundary", "a-figure", "b-quote"]]);
  });

  it("keeps to the labels chosen", () => {
    const { disagreements, agreed } = compareLayers(tags, spans, { a: "a", b: "b" }, new Set<Label>(["actor"]));
    expect(agreed).toBe(2);
    expect(disagreements).toEqual([]);
  });
});
