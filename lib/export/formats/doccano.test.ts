import { describe, expect, it } from "vitest";
import type { OffsetUnit } from "@/lib/tags/offsets";
import { exportHeader, fixtureArticles, runExport, sliceIn } from "./fixtures";

type Entity = { id: number; label: string; start_offset: number; end_offset: number };
type Line = {
  text: string;
  label: [number, number, string][];
  entities: Entity[];
  relations: { id: number; from_id: number; to_id: number; type: string }[];
  margin_id: string;
  title: string;
  source: string | null;
  url: string | null;
  published_at: string | null;
};

const linesOf = (unit: OffsetUnit) =>
  runExport("doccano", exportHeader(unit), fixtureArticles())
    .slice(0, -1)
    .split("\n")
    .map((line) => JSON.parse(line) as Line);

describe("doccano writer", () => {
  it.each<OffsetUnit>(["codepoint", "utf16"])(
    "writes labels and entities in UTF-16 code units, as doccano's JavaScript view counts, whatever the header's unit (%s)",
    (unit) => {
      const lines = linesOf(unit);
      expect(lines).toHaveLength(3);
      fixtureArticles().forEach((item, index) => {
        const line = lines[index]!;
        expect(line.text).toBe(item.text);
        const expected = item.tags.map((tag) => `${tag.label}:${tag.text}`);
        expect(line.label.map(([start, end, label]) => `${label}:${sliceIn(line.text, start, end, "utf16")}`)).toEqual(expected);
        expect(
          line.entities.map((entity) => `${entity.label}:${sliceIn(line.text, entity.start_offset, entity.end_offset, "utf16")}`),
        ).toEqual(expected);
        expect(line.entities.every((entity) => Number.isInteger(entity.id))).toBe(true);
      });
    },
  );

  it("writes every link as a relation between the line's entities, ids unique in the whole file", () => {
    const lines = linesOf("codepoint");
    const ids = lines.flatMap((line) => [...line.entities.map((entity) => entity.id), ...line.relations.map((relation) => relation.id)]);
    expect(new Set(ids).size).toBe(ids.length);
    fixtureArticles().forEach((item, index) => {
      const line = lines[index]!;
      const byId = new Map(line.entities.map((entity, position) => [entity.id, item.tags[position]!.id]));
      expect(line.relations.map((relation) => [byId.get(relation.from_id), byId.get(relation.to_id), relation.type])).toEqual(
        item.relations.map((relation) => [relation.from, relation.to, relation.type]),
      );
    });
  });

  it("keeps the article's id and metadata as extra columns, which doccano stores as metadata", () => {
    const [news, empty] = linesOf("codepoint");
    expect(Object.keys(news!)).toEqual(["text", "label", "entities", "relations", "margin_id", "title", "source", "url", "published_at"]);
    expect(news).toMatchObject({
      margin_id: "art-news",
      title: 'Minister, critics and the "€4.5bn" plan',
      source: "The Ledger",
      url: "https://news.example/budget?id=1&lang=en",
      published_at: "2026-02-28T07:15:00.000Z",
    });
    expect(empty).toMatchObject({ label: [], entities: [], relations: [], source: null, url: null, published_at: null });
  });
});
