import { describe, expect, it } from "vitest";
import { LABELS } from "@/lib/vocabulary";
import { expectExactSpans } from "./expect-spans";
import { FLOOD_COUNCIL, HARBOUR_STRIKE } from "./fixtures/harbour-strike";
import { BUILTIN_SUGGESTERS, suggestAll } from "./index";

describe("suggestAll", () => {
  it("registers each built-in suggester once, named and versioned", () => {
    const names = BUILTIN_SUGGESTERS.map((suggester) => suggester.name);
    expect(names).toEqual(["builtin:known-actors", "builtin:actors", "builtin:figures", "builtin:quotes", "builtin:claims"]);
    for (const suggester of BUILTIN_SUGGESTERS) {
      expect(suggester.version).toMatch(/^\d+$/);
      expect(suggester.labels.every((label) => LABELS.includes(label))).toBe(true);
    }
  });

  it.each([
    ["harbour strike", HARBOUR_STRIKE],
    ["flood council", FLOOD_COUNCIL],
  ])("keeps every span exact and every link resolvable (%s)", (_, text) => {
    const context = { actorTags: [{ id: "tag-okafor", start: text.indexOf("Okafor"), end: text.indexOf("Okafor") + 6 }] };
    const found = suggestAll(text, context);
    expectExactSpans(text, found);
    const actorKeys = new Set(found.filter((suggestion) => suggestion.label === "actor").map((actor) => actor.key));
    const links = found.flatMap((suggestion) => [suggestion.attributes.speakerKey, suggestion.attributes.sourceKey]).filter(Boolean);
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) expect(actorKeys.has(link!) || link === "tag-okafor", link).toBe(true);
    expect(new Set(found.map((suggestion) => suggestion.label))).toEqual(new Set(["actor", "figure", "quote", "claim"]));
    for (const suggestion of found) expect(BUILTIN_SUGGESTERS.map((suggester) => suggester.name)).toContain(suggestion.suggester);
  });

  it("links a speaker to the existing actor tag and does not suggest that actor again", () => {
    const text = "“We won,” said Nadia Okafor 🚢.";
    const start = text.indexOf("Nadia");
    const found = suggestAll(text, { actorTags: [{ id: "tag-1", start, end: start + 12 }] });
    expect(found.map((suggestion) => [suggestion.label, suggestion.text, suggestion.attributes.speakerKey])).toEqual([
      ["quote", "“We won,”", "tag-1"],
    ]);
  });

  it("suggests an actor found twice once, from the project's knowledge, and links to it", () => {
    const text = "“The port will reopen,” said Okafor. Nadia Okafor later left.";
    const found = suggestAll(text, { knownActors: [{ name: "Nadia Okafor", kind: "person", aliases: ["Okafor"] }] });
    const actors = found.filter((suggestion) => suggestion.label === "actor");
    expect(actors.map((actor) => [actor.text, actor.suggester, actor.attributes.canonicalName])).toEqual([
      ["Okafor", "builtin:known-actors", "Nadia Okafor"],
      ["Nadia Okafor", "builtin:known-actors", "Nadia Okafor"],
    ]);
    const quote = found.find((suggestion) => suggestion.label === "quote")!;
    expect(quote.attributes.speakerKey).toBe(actors[0]!.key);
  });

  it("drops a link whose actor nobody suggested", () => {
    const text = "“We won the vote,” she said.";
    const quote = suggestAll(text).find((suggestion) => suggestion.label === "quote")!;
    expect(quote.text).toBe("“We won the vote,”");
    expect(quote.attributes.speakerKey).toBeUndefined();
  });

  it("is deterministic", () => {
    expect(suggestAll(HARBOUR_STRIKE)).toEqual(suggestAll(`${HARBOUR_STRIKE}`));
  });
});
