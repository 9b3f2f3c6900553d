import { describe, expect, it } from "vitest";
import { buildActorIndex, linkActorTag, nameKey } from "./actor-links";

const index = buildActorIndex([
  { id: "witkoff", rootId: "witkoff", name: "Steve Witkoff", aliases: ["Mr. Witkoff", "the U.S. special envoy"] },
  { id: "brandt", rootId: "brandt", name: "Henrik Brandt", aliases: [] },
  // Merged into Henrik Brandt: its names link there.
  { id: "brandt-old", rootId: "brandt", name: "H. Brandt", aliases: [] },
  { id: "reuters", rootId: "reuters", name: "Reuters", aliases: [] },
  // Two records answer to "Smith": neither wins.
  { id: "anna", rootId: "anna", name: "Anna Smith", aliases: ["Smith"] },
  { id: "john", rootId: "john", name: "John Smith", aliases: ["Smith"] },
]);

describe("nameKey", () => {
  it("drops case, edge punctuation, quotation marks, possessives and titles", () => {
    expect(nameKey("Mr. Witkoff")).toBe("witkoff");
    expect(nameKey("Witkoff’s")).toBe("witkoff");
    expect(nameKey("“Reuters’”")).toBe("reuters");
    expect(nameKey("Dr Brandt,")).toBe("brandt");
    expect(nameKey("Sen.  Elizabeth\nWarren")).toBe("elizabeth warren");
    expect(nameKey("the U.S. special envoy —")).toBe("the u.s. special envoy");
  });
  it("keeps a title that is all there is", () => {
    expect(nameKey("President")).toBe("president");
    expect(nameKey("Prime Minister")).toBe("prime minister");
  });
  it("keeps letters outside ASCII and emoji", () => {
    expect(nameKey("Zoë Ødegaard 👩‍💻")).toBe("zoë ødegaard 👩‍💻");
  });
});

describe("linkActorTag", () => {
  it("finds a record by name or alias, titles and possessives aside", () => {
    expect(linkActorTag({ words: "Steve Witkoff", start: 0 }, [], index)).toEqual({ actorId: "witkoff", rule: "registry" });
    expect(linkActorTag({ words: "Mr. Witkoff", start: 0 }, [], index)?.actorId).toBe("witkoff");
    expect(linkActorTag({ words: "Witkoff’s", start: 0 }, [], index)?.actorId).toBe("witkoff");
    expect(linkActorTag({ words: "The U.S. special envoy", start: 0 }, [], index)?.actorId).toBe("witkoff");
    expect(linkActorTag({ words: "Reuters’", start: 0 }, [], index)?.actorId).toBe("reuters");
  });
  it("links a merged record's names to the record it was merged into", () => {
    expect(linkActorTag({ words: "H. Brandt", start: 0 }, [], index)).toEqual({ actorId: "brandt", rule: "registry" });
  });
  it("leaves words that mean two records unlinked", () => {
    expect(linkActorTag({ words: "Smith", start: 0 }, [], index)).toBeNull();
    expect(linkActorTag({ words: "Ms. Smith", start: 0 }, [], index)).toBeNull();
  });
  it("takes a surname after the full name in the same article, before the registry", () => {
    const mentions = [{ words: "Anna Smith", start: 10, actorId: "anna" }];
    expect(linkActorTag({ words: "Smith", start: 80 }, mentions, index)).toEqual({ actorId: "anna", rule: "surname" });
    expect(linkActorTag({ words: "Ms. Smith’s", start: 80 }, mentions, index)?.actorId).toBe("anna");
    // Before the full name, the surname is not yet anyone's here.
    expect(linkActorTag({ words: "Smith", start: 0 }, mentions, index)).toBeNull();
  });
  it("does not guess between two full names ending alike", () => {
    const mentions = [
      { words: "Anna Smith", start: 10, actorId: "anna" },
      { words: "John Smith", start: 40, actorId: "john" },
    ];
    expect(linkActorTag({ words: "Smith", start: 80 }, mentions, index)).toBeNull();
  });
  it("links the same words as another mention of the article, whatever the registry says", () => {
    const mentions = [{ words: "the envoy", start: 5, actorId: "witkoff" }];
    expect(linkActorTag({ words: "The envoy", start: 200 }, mentions, index)).toEqual({ actorId: "witkoff", rule: "same-words" });
  });
  it("resolves a mention's merged record to its root", () => {
    const mentions = [{ words: "Henrik Brandt", start: 0, actorId: "brandt-old" }];
    expect(linkActorTag({ words: "Brandt", start: 30 }, mentions, index)).toEqual({ actorId: "brandt", rule: "surname" });
  });
  it("prefers a given canonical name, and falls back to the words when it names nobody", () => {
    expect(linkActorTag({ words: "the envoy", start: 0, canonicalName: "Steve Witkoff" }, [], index)?.rule).toBe("canonical-name");
    expect(linkActorTag({ words: "Reuters", start: 0, canonicalName: "Nobody Known" }, [], index)?.actorId).toBe("reuters");
  });
  it("finds nothing for unknown words", () => {
    expect(linkActorTag({ words: "Kessler & Voss", start: 0 }, [], index)).toBeNull();
    expect(linkActorTag({ words: "’", start: 0 }, [], index)).toBeNull();
  });
});
