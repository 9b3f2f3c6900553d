import { describe, expect, it } from "vitest";
import { detectArtifacts, isByline } from "./artifacts";

describe("detectArtifacts", () => {
  it("finds page furniture and nothing else in a scraped article", () => {
    const paragraphs = [
      "Harbor council approves flood wall",
      "By Mara Lindqvist",
      "Image",
      "The council voted 7–2 to build the wall.",
      "“We owe them this,” said Imani Osei. Share your thoughts below.",
      "Photo: Estuary Ledger",
      "HARBOR COUNCIL APPROVES FLOOD WALL.",
      "Share on Facebook",
      "Facebook | Twitter | Email",
      "Read more",
      "What’s Your Reaction?",
      "Like",
      "Love 12",
      "Angry",
    ];
    expect(detectArtifacts(paragraphs, "Harbor council approves flood wall")).toEqual([
      { index: 0, text: paragraphs[0], reason: "repeated-headline" },
      { index: 1, text: paragraphs[1], reason: "byline" },
      { index: 2, text: paragraphs[2], reason: "media-placeholder" },
      { index: 5, text: paragraphs[5], reason: "media-placeholder" },
      { index: 6, text: paragraphs[6], reason: "repeated-headline" },
      { index: 7, text: paragraphs[7], reason: "share-buttons" },
      { index: 8, text: paragraphs[8], reason: "share-buttons" },
      { index: 9, text: paragraphs[9], reason: "navigation" },
      { index: 10, text: paragraphs[10], reason: "reactions" },
      { index: 11, text: paragraphs[11], reason: "reactions" },
      { index: 12, text: paragraphs[12], reason: "reactions" },
      { index: 13, text: paragraphs[13], reason: "reactions" },
    ]);
  });

  it("leaves sentences that merely contain furniture words alone", () => {
    const paragraphs = [
      "Share prices fell 3% on Monday.",
      "Like many towns, Port Selden floods.",
      "Image is everything, the mayor said.",
      "By Tuesday, the council had voted.",
    ];
    expect(detectArtifacts(paragraphs, "Something else")).toEqual([]);
  });

  it("only takes reaction words for furniture after a reaction prompt", () => {
    expect(detectArtifacts(["Love", "Angry"], undefined)).toEqual([]);
  });

  it("recognises bylines but not sentences starting with By", () => {
    expect(isByline("By Mara Lindqvist")).toBe(true);
    expect(isByline("By MARA LINDQVIST and Tom Ek, Reuters")).toBe(true);
    expect(isByline("By Reuters")).toBe(true);
    expect(isByline("By Tuesday the council met")).toBe(false);
    expect(isByline("By Tuesday, the council had voted.")).toBe(false);
    expect(isByline("by the river")).toBe(false);
  });
});

describe("detectArtifacts: datelines and author bios", () => {
  it("finds a dateline above the article and a bio at its end, furniture after it aside", () => {
    const paragraphs = [
      "Sea wall vote",
      "By Mara Lindqvist",
      "Oct. 14, 2025Updated 12:23 p.m. ET",
      "PORT SELDEN — The council voted 7–2 on Tuesday night to raise the harbour’s sea wall by two metres.",
      "Mara Lindqvist is a staff writer at the Estuary Ledger.",
      "What’s Your Reaction?",
      "Like",
    ];
    expect(detectArtifacts(paragraphs, "Sea wall vote").map((artifact) => [artifact.index, artifact.reason])).toEqual([
      [0, "repeated-headline"],
      [1, "byline"],
      [2, "dateline"],
      [4, "author-bio"],
      [5, "reactions"],
      [6, "reactions"],
    ]);
  });

  it("leaves a bio-like paragraph that the article goes on after, and a date inside the article", () => {
    const paragraphs = [
      "The council voted 7–2 on Tuesday night to raise the harbour’s sea wall by two metres, ending a long debate.",
      "Oct. 14, 2025",
      "Jane Doe is a senior reporter at the Estuary Ledger covering coastal towns.",
      "She broke the story of the wall’s cracks in 2019, and the council’s vote follows her reporting.",
    ];
    expect(detectArtifacts(paragraphs, undefined)).toEqual([]);
  });

  it("never takes the first paragraph for a bio", () => {
    expect(detectArtifacts(["Jane Doe is a senior reporter at the Ledger covering housing."], undefined)).toEqual([]);
  });
});
