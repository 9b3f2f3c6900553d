import { describe, expect, it } from "vitest";
import { canonicalize } from "./canonical-text";
import { blocksToDoc, docToBlocks, docToText, textToDoc, type FlatBlock } from "./content";

const article = "“We counted 1,219 ballots,” said Ana Ruiz — the clerk.\nShe smiled…\n\nMore than 200 people waited 🗳️ outside.";

describe("article content", () => {
  it("round-trips a canonical text through the rich document exactly, line breaks as hard breaks", () => {
    const doc = textToDoc(article);
    expect(doc.content).toHaveLength(2);
    expect(doc.content[0]).toEqual({
      type: "paragraph",
      content: [
        { type: "text", text: "“We counted 1,219 ballots,” said Ana Ruiz — the clerk." },
        { type: "hardBreak" },
        { type: "text", text: "She smiled…" },
      ],
    });
    expect(docToText(doc)).toBe(article);
  });

  it("reads every textblock of lists, quotes and headings as one paragraph, without list markers", () => {
    const blocks: FlatBlock[] = [
      { kind: "heading", level: 2, inlines: [{ type: "text", text: "Next steps" }] },
      { kind: "bullet", inlines: [{ type: "text", text: "One", marks: [{ type: "bold" }] }] },
      { kind: "bullet", inlines: [{ type: "text", text: "Two" }] },
      { kind: "quote", inlines: [{ type: "text", text: "Quoted" }] },
      { kind: "paragraph", inlines: [{ type: "text", text: "End" }] },
    ];
    const doc = blocksToDoc(blocks);
    expect(doc.content.map((node) => node.type)).toEqual(["heading", "bulletList", "blockquote", "paragraph"]);
    expect(docToText(doc)).toBe("Next steps\n\nOne\n\nTwo\n\nQuoted\n\nEnd");
    expect(docToBlocks(doc)).toEqual(blocks);
  });

  it("agrees with the canonical text for any text: textToDoc(canonicalize(x)) reads back as canonicalize(x)", () => {
    for (const raw of ["a\r\n\r\n\r\nb  \n c", "  only  ", "x\u2029y", "🚢\n\n\n🚢"]) {
      const text = canonicalize(raw);
      expect(docToText(textToDoc(text))).toBe(text);
    }
  });
});
