import { describe, expect, it } from "vitest";
import type { TagRecord } from "@/lib/tags/record";
import { annotatorsIn, defaultFilters, tagVisible } from "./tag-filters";

const tag = (fields: Partial<TagRecord>): TagRecord => ({
  label: "actor",
  authorId: "ana",
  authorName: "Ana",
  createdAt: "",
  updatedAt: "",
  attributes: {},
  note: null,
  ...fields,
});

describe("tag filters", () => {
  it("hide rejected tags by default and show them when asked", () => {
    const filters = defaultFilters();
    expect(tagVisible(tag({}), filters)).toBe(true);
    expect(tagVisible(tag({ status: "accepted" }), filters)).toBe(true);
    expect(tagVisible(tag({ status: "rejected" }), filters)).toBe(false);
    filters.statuses.add("rejected");
    expect(tagVisible(tag({ status: "rejected" }), filters)).toBe(true);
  });

  it("show chosen annotators' layers, a merged gold tag in each of its annotators' layers, and only the compared pair", () => {
    const gold = tag({
      annotators: [
        { id: "ana", name: "Ana" },
        { id: "ben", name: "Ben" },
      ],
    });
    const ben = tag({ authorId: "ben", authorName: "Ben" });
    const cy = tag({ authorId: "cy", authorName: "Cy" });
    const filters = { ...defaultFilters(), annotators: new Set(["ben"]) };
    expect([gold, ben, cy].map((record) => tagVisible(record, filters))).toEqual([true, true, false]);
    const compare = { ...defaultFilters(), annotators: new Set(["cy"]), compare: { a: "ana", b: "ben" } };
    expect([gold, ben, cy].map((record) => tagVisible(record, compare))).toEqual([true, true, false]);
    expect(
      annotatorsIn(
        new Map([
          ["1", gold],
          ["2", cy],
        ]),
      ),
    ).toEqual([
      { id: "ana", name: "Ana" },
      { id: "ben", name: "Ben" },
      { id: "cy", name: "Cy" },
    ]);
  });

  it("filter by label", () => {
    const filters = defaultFilters();
    filters.labels.delete("actor");
    expect(tagVisible(tag({}), filters)).toBe(false);
    expect(tagVisible(tag({ label: "quote" }), filters)).toBe(true);
  });
});
