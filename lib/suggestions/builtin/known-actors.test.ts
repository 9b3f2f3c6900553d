import { describe, expect, it } from "vitest";
import { expectExactSpans, texts } from "./expect-spans";
import { findKnownActors } from "./known-actors";

const KNOWN = {
  knownActors: [
    { name: "Bank of England", kind: "organization" as const, aliases: ["BoE"] },
    { name: "England", kind: "other" as const },
    { name: "Apple", kind: "organization" as const },
    { name: "Nadia Okafor", kind: "person" as const, aliases: ["Okafor"] },
  ],
};

describe("known actors", () => {
  it("matches every canonical name and alias as whole words, with its kind and canonical name", () => {
    const text = "The Bank of England — the BoE 🏦 — met Nadia Okafor. Okafor’s union and England’s clubs 🇬🇧 watched.";
    const found = findKnownActors(text, KNOWN);
    expectExactSpans(text, found);
    expect(found.map((actor) => [actor.text, actor.attributes.canonicalName, actor.attributes.kind])).toEqual([
      ["Bank of England", "Bank of England", "organization"],
      ["BoE", "Bank of England", "organization"],
      ["Nadia Okafor", "Nadia Okafor", "person"],
      ["Okafor", "Nadia Okafor", "person"],
      ["England", "England", "other"],
    ]);
    expect(found.every((actor) => actor.score >= 0.9)).toBe(true);
  });

  it("is case-sensitive and keeps to whole words", () => {
    expect(texts(findKnownActors("He ate an apple in Applecross and Pineapple Ltd. paid.", KNOWN))).toEqual([]);
  });

  it("finds nothing without known actors", () => {
    expect(findKnownActors("Nadia Okafor spoke.")).toEqual([]);
  });
});
