import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalize } from "./canonical-text";
import { classifyBlock, plainTextParagraphs } from "./plain-text";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
const paragraphs = (raw: string) => plainTextParagraphs(canonicalize(raw));

describe("classifyBlock", () => {
  it("takes long lines that end like sentences for one paragraph per line", () => {
    expect(
      classifyBlock([
        "Harbour town votes to raise its sea wall",
        "The town council voted 7–2 on Tuesday night to raise the harbour’s sea wall by two metres.",
        "Image",
        "“We have waited long enough,” said harbourmaster Imani Osei. “The sea has not waited for us.”",
      ]),
    ).toBe("one-per-line");
  });

  it("takes lines broken mid-sentence where the next word would not fit for hard-wrapped text", () => {
    const lines = fixture("wire-wrapped-72.txt").split("\n").slice(3, 7);
    expect(lines[0]).toMatch(/^LONDON \(Reuters\)/);
    expect(classifyBlock(lines)).toBe("hard-wrapped");
  });

  it("leaves poems, addresses, lists and a headline over its byline as written", () => {
    const poem = [
      "The tide came in across the salt",
      "And took the wall the builders made",
      "It did not ask, it did not halt",
      "It left the town a colder shade",
    ];
    const address = ["Estuary Ledger", "14 Harbour Road", "Port Selden PS1 4QT"];
    const list = ["- two flood gates on the quay", "- a raised promenade along the wall", "- a temporary fish market on the old rail yard"];
    const header = ["Ferry crews accept three-year pay deal, ending summer strike", "By Jonas Berg and Lena Ortiz"];
    for (const lines of [poem, address, list, header]) expect(classifyBlock(lines)).toBe("as-is");
  });

  it("leaves a poem with one long closing line as written", () => {
    expect(
      classifyBlock([
        "Salt on the sill",
        "Rain on the quay",
        "And all the rivers of the valley ran down to the sea at last, as they always had.",
      ]),
    ).toBe("as-is");
  });

  it("leaves a block whose long lines do not end like sentences as written", () => {
    expect(
      classifyBlock([
        "The ferry workers’ union voted to end its strike on Sunday — the longest in the company’s history.",
        "“We got most of what we asked for… not all,” said union head Ilse Maas. 🚢",
        "Some of the crews had been out since the first week of June, with no sign of a deal",
      ]),
    ).toBe("as-is");
  });
});

describe("plainTextParagraphs", () => {
  it("splits a scraped one-paragraph-per-line article into the same paragraphs as its blank-line version", () => {
    const scraped = fixture("scraped-one-per-line.txt");
    const lines = canonicalize(scraped).split("\n");
    expect(lines).toHaveLength(48);
    expect(paragraphs(scraped)).toEqual(lines);
    expect(paragraphs(lines.join("\n\n"))).toEqual(lines);
  });

  it("joins a hard-wrapped wire story's lines with spaces, keeping every character and the city dateline", () => {
    const result = paragraphs(fixture("wire-wrapped-72.txt"));
    expect(result[0]).toBe("Ferry crews accept three-year pay deal, ending summer strike\nBy Jonas Berg and Lena Ortiz");
    expect(result.slice(1)).toEqual(fixture("wire-wrapped-72.expected.txt").split("\n\n"));
    expect(result[1]).toMatch(/^LONDON \(Reuters\) - Britain’s coastal ferry/);
    expect(result.at(-1)).toMatch(/well-known weekend rush of holidaymakers heading home\. 🚢$/);
  });

  it("ends a wrapped paragraph where a line stops short, when no blank line separates paragraphs", () => {
    const text = [
      "The council voted on Tuesday to raise the wall by two metres after a",
      "debate that lasted most of the evening.",
      "Work starts next spring.",
      "Engineers said the old wall would be overtopped by an ordinary winter",
      "storm within fifteen years, and the new one buys the town some time.",
    ].join("\n");
    expect(paragraphs(text)).toEqual([
      "The council voted on Tuesday to raise the wall by two metres after a debate that lasted most of the evening.",
      "Work starts next spring.",
      "Engineers said the old wall would be overtopped by an ordinary winter storm within fifteen years, and the new one buys the town some time.",
    ]);
  });

  it("joins a word a wrapper broke at its hyphen without a space", () => {
    const text = [
      "The council’s long-awaited decision on the sea wall came after a well-",
      "rehearsed debate that lasted most of the evening and ended in a vote.",
    ].join("\n");
    expect(paragraphs(text)).toEqual([
      "The council’s long-awaited decision on the sea wall came after a well-rehearsed debate that lasted most of the evening and ended in a vote.",
    ]);
  });

  it("keeps mixed text laid out with blank lines as it was, line breaks inside paragraphs included", () => {
    const text = "Harbour notes\n\nEstuary Ledger\n14 Harbour Road\nPort Selden\n\nThe wall will rise by two metres — “at last” 🌊.";
    expect(paragraphs(text)).toEqual([
      "Harbour notes",
      "Estuary Ledger\n14 Harbour Road\nPort Selden",
      "The wall will rise by two metres — “at last” 🌊.",
    ]);
  });

  it("copes with a block of more lines than a function call takes arguments", () => {
    const short = Array.from({ length: 200_000 }, (_, index) => `${index}`).join("\n");
    expect(paragraphs(short)).toHaveLength(1);
    const sentences = Array.from(
      { length: 200_000 },
      (_, index) => `Line ${index} of the council’s minutes records one more vote — 🌊.`,
    ).join("\n");
    expect(paragraphs(sentences)).toHaveLength(200_000);
  });
});
