import { describe, expect, it } from "vitest";
import { Node as PMNode } from "@tiptap/pm/model";
import { projectDocument } from "@/lib/tags/projection";
import { articleSchema } from "@/lib/editor/extensions";
import { selectionSpan } from "./selection-span";

const doc = PMNode.fromJSON(articleSchema, {
  type: "doc",
  content: [
    { type: "paragraph", content: [{ type: "text", text: "“Yes,” said Ana 🗳️ — twice." }] },
    { type: "paragraph", content: [{ type: "text", text: "Then 200 left." }] },
  ],
});

describe("selectionSpan", () => {
  const projection = projectDocument(doc);
  const rangeOf = (words: string) => {
    const at = projection.text.indexOf(words);
    return { from: projection.positions[at]!, to: projection.positions[at + words.length - 1]! + 1 };
  };

  it("gives the text offsets of a selection, across emoji and paragraphs", () => {
    for (const words of ["Ana 🗳️", "“Yes,”", "— twice.", "twice.\n\nThen 200"]) {
      const { from, to } = rangeOf(words);
      const span = selectionSpan(projection, from, to)!;
      expect(projection.text.slice(span.start, span.end)).toBe(words);
    }
  });

  it("is null for an empty selection", () => {
    const { from } = rangeOf("Ana");
    expect(selectionSpan(projection, from, from)).toBeNull();
  });
});
