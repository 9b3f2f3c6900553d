import { describe, expect, it } from "vitest";
import { findActors } from "./actors";
import { expectExactSpans } from "./expect-spans";
import { HARBOUR_STRIKE } from "./fixtures/harbour-strike";

const actors = (text: string) => {
  const found = findActors(text);
  expectExactSpans(text, found);
  return found.map((actor) => [actor.text, actor.attributes.kind, actor.attributes.canonicalName]);
};

describe("actors", () => {
  it("finds people with their titles and resolves a later surname to the full name", () => {
    const text = "Steve Witkoff met Prime Minister Keir Starmer on Tuesday. Later, Mr. Witkoff flew home.";
    expect(actors(text)).toEqual([
      ["Steve Witkoff", "person", "Steve Witkoff"],
      ["Prime Minister Keir Starmer", "person", "Keir Starmer"],
      ["Mr. Witkoff", "person", "Steve Witkoff"],
    ]);
  });

  it("tags every later occurrence of a name and of a person's surname, but not inside a longer name", () => {
    const text =
      "Sarah Whitlock opened the hearing. Whitlock’s motion failed. " +
      "Whitlock — visibly tired 😴 — left before the Whitlock Trust spoke.";
    expect(actors(text).map(([words, , canonical]) => [words, canonical])).toEqual([
      ["Sarah Whitlock", "Sarah Whitlock"],
      ["Whitlock", "Sarah Whitlock"],
      ["Whitlock", "Sarah Whitlock"],
      ["Whitlock Trust", "Whitlock Trust"],
    ]);
  });

  it("takes no pronoun, month or day for a speaker's name", () => {
    const text = "“We lost,” I said to Paul Brennan. “They never came,” They say. An inspection in March found cracks.";
    const found = actors(text).map(([words]) => words);
    expect(found).not.toContain("I");
    expect(found).not.toContain("They");
    expect(found).not.toContain("March");
  });

  it("tags organisations whole with their “of” part and by their office, service or club word", () => {
    const text =
      "The University of Wendmoor and the Association of Coastal Pilots wrote to the Coastal Survey Office, " +
      "the Tidal Warning Service and Wendmoor Athletic FC.";
    expect(actors(text).map(([words, kind]) => [words, kind])).toEqual([
      ["University of Wendmoor", "organization"],
      ["Association of Coastal Pilots", "organization"],
      ["Coastal Survey Office", "organization"],
      ["Tidal Warning Service", "organization"],
      ["Wendmoor Athletic FC", "organization"],
    ]);
  });

  it("finds organisations by their suffix and governments by their words", () => {
    const text =
      "The Interior Ministry fined Acme Holdings Inc. on Friday. The Green Party, the Kremlin and the French government objected.";
    expect(actors(text)).toEqual([
      ["Interior Ministry", "government", "Interior Ministry"],
      ["Acme Holdings Inc.", "organization", "Acme Holdings Inc."],
      ["Green Party", "organization", "Green Party"],
      ["Kremlin", "government", "Kremlin"],
      ["French government", "government", "French government"],
    ]);
  });

  it("keeps a title's first words that compromise leaves out", () => {
    expect(actors("Health Minister Ana Silva visited the ward.")[0]).toEqual(["Health Minister Ana Silva", "person", "Ana Silva"]);
  });

  it("leaves a possessive's 's out of the span", () => {
    expect(actors("Angela Merkel’s office declined to comment.")[0]).toEqual(["Angela Merkel", "person", "Angela Merkel"]);
  });

  it("takes groups only when they speak or are cited", () => {
    expect(actors("Local residents said the water rose overnight.")).toEqual([["Local residents", "group", "Local residents"]]);
    expect(actors("The water rose overnight, according to officials.")).toEqual([["officials", "group", "officials"]]);
    expect(actors("The residents of the valley slept through the storm.")).toEqual([]);
    expect(actors("Police said two roads were closed.")).toEqual([["Police", "government", "Police"]]);
  });

  it("takes capitalised words that speak as a name compromise did not know", () => {
    expect(actors("“We won,” said Okafor.")).toEqual([["Okafor", "person", "Okafor"]]);
    expect(actors("The ferries stopped, Nordline Ltd said.")).toEqual([["Nordline Ltd", "organization", "Nordline Ltd"]]);
  });

  it("does not take a headline's title case for names", () => {
    const text = "Budget Talks Collapse As Unions Walk Out\n\nThe talks ended without a deal on Monday.";
    expect(actors(text)).toEqual([]);
  });

  it("keeps offsets exact around curly quotes, em dashes and emoji", () => {
    const text = "🇫🇷 “Enough,” said Nadia Okafor — 👩‍💻 the union’s secretary — as the Harbour Authority met.";
    expect(actors(text)).toEqual([
      ["Nadia Okafor", "person", "Nadia Okafor"],
      ["Harbour Authority", "government", "Harbour Authority"],
    ]);
  });

  it("finds the actors of a whole article", () => {
    const names = actors(HARBOUR_STRIKE).map(([name]) => name);
    expect(names).toEqual(
      expect.arrayContaining([
        "Harbour Authority",
        "Transport Workers Union",
        "Nadia Okafor",
        "Ms. Okafor",
        "Paul Brennan",
        "local residents",
      ]),
    );
    expect(names).not.toContain("Harbour Workers Walk Out Over Pay");
  });
});
