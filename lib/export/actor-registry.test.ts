import { describe, expect, it } from "vitest";
import { actorLinks, buildActorRegistry, type ActorRecordRow } from "./actor-registry";

function row(fields: Partial<ActorRecordRow> & { id: string; name: string }): ActorRecordRow {
  return { aliases: [], kind: null, description: null, externalId: null, mergedIntoId: null, rootId: fields.id, ...fields };
}

// "Zoë Álvarez" absorbed "Z. Alvarez", which had absorbed "Minister Álvarez" before: a chain of two merges,
// whose records all count for the first (rootId), while each keeps its own merged_into_id.
const ROWS: ActorRecordRow[] = [
  row({ id: "c3", name: "Minister Álvarez", aliases: ["the minister", "ZOË ÁLVAREZ"], mergedIntoId: "b2", rootId: "a1" }),
  row({ id: "a1", name: "Zoë Álvarez", aliases: ["Álvarez", "the minister"], kind: "person", externalId: "Q4115189" }),
  row({ id: "b2", name: "Z. Alvarez", aliases: ["Álvarez"], kind: "group", mergedIntoId: "a1", rootId: "a1" }),
  row({ id: "d4", name: "Luc Dupont", kind: "mayor", description: "Opposition leader — since 2024" }),
  row({ id: "e5", name: "Ärzte ohne Grenzen 🩺", kind: "organization" }),
  row({ id: "f6", name: "Luc Dupont", kind: "person" }),
];

describe("buildActorRegistry", () => {
  it("lists one entry per root, ordered by name then id as code units, whatever order the rows came in", () => {
    const { records } = buildActorRegistry(ROWS, true);
    expect(records.map((record) => [record.name, record.id])).toEqual([
      ["Luc Dupont", "d4"],
      ["Luc Dupont", "f6"],
      ["Zoë Álvarez", "a1"],
      ["Ärzte ohne Grenzen 🩺", "e5"],
    ]);
    expect(buildActorRegistry([...ROWS].reverse(), true)).toEqual(buildActorRegistry(ROWS, true));
  });

  it("gathers every record merged into a root, through chains of merges, and their names as aliases, each spelling once", () => {
    const zoe = buildActorRegistry(ROWS, true).records.find((record) => record.id === "a1")!;
    expect(zoe.mergedIds).toEqual(["b2", "c3"]);
    // Its own aliases first, then each merged record's name and aliases in id order; repeats compared
    // without case, and never its own name ("ZOË ÁLVAREZ").
    expect(zoe.aliases).toEqual(["Álvarez", "the minister", "Z. Alvarez", "Minister Álvarez"]);
    // The root's own fields: a merged record's kind does not leak into it.
    expect(zoe).toMatchObject({ name: "Zoë Álvarez", kind: "person", externalId: "Q4115189", description: null });
  });

  it("never lists a merged record as an entry of its own, and keeps a kind the vocabulary lacks out", () => {
    const { records } = buildActorRegistry(ROWS, true);
    expect(records.map((record) => record.id)).not.toContain("b2");
    expect(records.map((record) => record.id)).not.toContain("c3");
    expect(records.find((record) => record.id === "d4")).toEqual({
      id: "d4",
      name: "Luc Dupont",
      aliases: [],
      kind: null,
      description: "Opposition leader — since 2024",
      externalId: null,
      mergedIds: [],
    });
  });

  it("says whether it lists every record or only those the export's tags name", () => {
    expect(buildActorRegistry(ROWS, false).listsAll).toBe(false);
    expect(buildActorRegistry([], true)).toEqual({ records: [], listsAll: true });
  });
});

describe("actorLinks", () => {
  it("resolves every record, merged or not, to the root it counts for, with the root's name", () => {
    const links = actorLinks(ROWS);
    const zoe = { id: "a1", name: "Zoë Álvarez" };
    expect(links.get("a1")).toEqual(zoe);
    expect(links.get("b2")).toEqual(zoe);
    expect(links.get("c3")).toEqual(zoe);
    expect(links.get("d4")).toEqual({ id: "d4", name: "Luc Dupont" });
    expect(links.get("not-a-record")).toBeUndefined();
    // A record whose root is not among the rows resolves to nothing, never to itself.
    expect(actorLinks([row({ id: "x", name: "X", mergedIntoId: "gone", rootId: "gone" })]).size).toBe(0);
  });
});
