import { describe, expect, it } from "vitest";
import { countWords, docToText, textToDoc } from "./content";

const article = "“We counted 1,219 ballots,” said Ana Ruiz — the clerk.\n\nMore than 200 people waited 🗳️ outside.";

describe("article content", () => {
  it("round-trips text through the rich document exactly, typographic characters and emoji included", () => {
    const doc = textToDoc(article);
    expect(doc.content).toHaveLength(2);
    expect(docToText(doc)).toBe(article);
  });

  it("keeps an empty paragraph so that offsets after it do not move", () => {
    const text = "One.\n\n\n\nThree.";
    expect(docToText(textToDoc(text))).toBe(text);
  });

  it("counts words, not punctuation or emoji", () => {
    expect(countWords(article)).toBe(15);
  });
});
