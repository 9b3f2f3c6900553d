import { describe, expect, it } from "vitest";
import { findActors } from "./actors";
import { findClaims } from "./claims";
import { expectExactSpans } from "./expect-spans";

function claims(text: string) {
  const found = findClaims(text);
  expectExactSpans(text, found);
  const actors = new Map(findActors(text).map((actor) => [actor.key, actor.text]));
  return found.map((claim) => [claim.text, actors.get(claim.attributes.sourceKey ?? "") ?? null]);
}

describe("claims", () => {
  it.each([
    ["According to the Harbour Authority, the port lost €2m a day.", "the port lost €2m a day", "Harbour Authority"],
    // An emoji after the stop is no part of the clause (the tokenizer's sentence runs on into it).
    ["According to the Harbour Authority, the port lost €2m a day. 👩‍💻", "the port lost €2m a day", "Harbour Authority"],
    ["The port lost €2m a day, according to the Harbour Authority.", "The port lost €2m a day", "Harbour Authority"],
    ["Analysts expect the harbour fees to rise in spring.", "the harbour fees to rise in spring", "Analysts"],
    ["Residents fear the sea wall will not survive another winter.", "the sea wall will not survive another winter", "Residents"],
    ["Nadia Okafor claimed that the figures were wrong.", "the figures were wrong", "Nadia Okafor"],
    [
      "Critics argued that the so-called “quick fix” would move the water downstream.",
      "the so-called “quick fix” would move the water downstream",
      "Critics",
    ],
    [
      "Nadia Okafor warned that the ferries — all 12 of them — would stop 🚢.",
      "the ferries — all 12 of them — would stop 🚢",
      "Nadia Okafor",
    ],
  ])("%s", (text, span, source) => {
    expect(claims(text)).toEqual([[span, source]]);
  });

  it("needs a source", () => {
    expect(claims("It is said that the port lost money.")).toEqual([]);
    expect(claims("The port lost money and the ferries stopped.")).toEqual([]);
  });

  it("leaves direct quotations to the quotes suggester", () => {
    expect(claims("Nadia Okafor said: “The port lost money.”")).toEqual([]);
    expect(claims("“The port lost money,” said Nadia Okafor.")).toEqual([]);
  });

  // Guidelines, "Quotes or claims": the verb decides, so that a passage gets one label.
  it("leaves clauses reported with a verb of saying to the quotes suggester", () => {
    expect(claims("Paul Brennan said the strike had cost 400 jobs.")).toEqual([]);
    expect(claims("The strike had cost 400 jobs, officials said.")).toEqual([]);
    expect(claims("Nadia Okafor told reporters the offer was too low.")).toEqual([]);
  });

  it("takes no noun for an asserted clause", () => {
    expect(claims("Traders expected a quieter season on the quay.")).toEqual([]);
    // The verb comes after "as": another clause, the writer's.
    expect(claims("Joan Pryce showed no sign of worry as the water levels climbed.")).toEqual([]);
  });

  it("reads a clause whose verb comes after an aside, or that opens with a hedged figure", () => {
    expect(claims("Joan Pryce estimates a new wall, with two sluice gates, would cost less.")).toEqual([
      ["a new wall, with two sluice gates, would cost less", "Joan Pryce"],
    ]);
    expect(claims("The Coastal Survey Office alleges at least 40 boats were damaged.")).toEqual([
      ["at least 40 boats were damaged", "Coastal Survey Office"],
    ]);
  });

  it("reads a document's finding as a claim, its source the actor named before it, if any", () => {
    expect(claims("According to the inspection report, the hull had cracked in two places 🛳️.")).toEqual([
      ["the hull had cracked in two places 🛳️", null],
    ]);
    expect(claims("Joan Pryce commissioned a survey. The survey found that most moorings were unsafe.")).toEqual([
      ["most moorings were unsafe", "Joan Pryce"],
    ]);
    expect(claims("Forecasts, published on Friday, show tides rising by a metre.")).toEqual([["tides rising by a metre", null]]);
  });

  it("takes a document with no finding for no claim", () => {
    expect(claims("The report was late. According to the report's authors the delay was minor.")).toEqual([]);
  });

  it("takes no questions for claims", () => {
    expect(claims("Nadia Okafor asked whether the port had lost money.")).toEqual([]);
  });
});
