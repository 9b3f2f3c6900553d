import { Node as PMNode } from "@tiptap/pm/model";
import { Transform } from "@tiptap/pm/transform";
import { describe, expect, it } from "vitest";
import { isCanonical } from "@/lib/articles/canonical-text";
import { docToText, textToDoc } from "@/lib/articles/content";
import { articleSchema } from "@/lib/editor/extensions";
import { projectDocument, rangeOf } from "./projection";

const schema = articleSchema;
const tag = (id: string) => schema.marks.annotation!.create({ id });

function docWith(text: string, tags: { id: string; word: string; occurrence?: number }[]) {
  const root = PMNode.fromJSON(schema, textToDoc(text));
  const projection = projectDocument(root);
  const tr = new Transform(root);
  for (const { id, word, occurrence = 0 } of tags) {
    let index = -1;
    for (let i = 0; i <= occurrence; i++) index = text.indexOf(word, index + 1);
    const range = rangeOf(projection, index, index + word.length)!;
    tr.addMark(range.from, range.to, tag(id));
  }
  return tr.doc;
}

describe("projectDocument", () => {
  const text = "“We counted 1,219 ballots,” said Ana Ruiz — the clerk. 🗳️\nShe smiled…\n\nMore than 200 people waited 🚢 outside.";

  it("reads the canonical text back, with every tag's exact extent, around emoji and curly quotes", () => {
    const root = docWith(text, [
      { id: "quote", word: "“We counted 1,219 ballots,”" },
      { id: "figure", word: "1,219" },
      { id: "actor", word: "Ana Ruiz" },
      { id: "ship", word: "🚢 outside" },
      { id: "cross", word: "clerk. 🗳️\nShe smiled…\n\nMore than 200" },
    ]);
    const projection = projectDocument(root);
    expect(projection.text).toBe(text);
    expect(docToText(projection.content)).toBe(text);
    const slice = (id: string) => {
      const span = projection.spans.get(id)!;
      return projection.text.slice(span.start, span.end);
    };
    expect(slice("quote")).toBe("“We counted 1,219 ballots,”");
    expect(slice("figure")).toBe("1,219");
    expect(slice("actor")).toBe("Ana Ruiz");
    expect(slice("ship")).toBe("🚢 outside");
    expect(slice("cross")).toBe("clerk. 🗳️\nShe smiled…\n\nMore than 200");
  });

  it("leaves out what the canonical text forbids and keeps offsets exact", () => {
    // What typing in an editor produces: an empty paragraph, edge spaces, a decomposed accent, a stray control.
    const root = PMNode.fromJSON(schema, {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "  Café\u0301 déja\u0300 vu  " }] },
        { type: "paragraph" },
        { type: "paragraph", content: [{ type: "text", text: "Line one " }, { type: "hardBreak" }, { type: "hardBreak" }, { type: "text", text: " line\u0007 two", marks: [{ type: "annotation", attrs: { id: "t" } }] }] },
      ],
    });
    const projection = projectDocument(root);
    expect(projection.text).toBe("Café\u0301 déjà vu\n\nLine one\nline two");
    expect(isCanonical(projection.text)).toBe(true);
    const span = projection.spans.get("t")!;
    expect(projection.text.slice(span.start, span.end)).toBe("line two");
    expect(docToText(projection.content)).toBe(projection.text);
  });

  it("maps text offsets back to ProseMirror positions for writing marks", () => {
    const root = PMNode.fromJSON(schema, textToDoc(text));
    const projection = projectDocument(root);
    const start = text.indexOf("people");
    const range = rangeOf(projection, start, start + "people".length)!;
    expect(root.textBetween(range.from, range.to)).toBe("people");
    const emoji = text.indexOf("🚢");
    const ship = rangeOf(projection, emoji, emoji + 2)!;
    expect(root.textBetween(ship.from, ship.to)).toBe("🚢");
    // Breaks at the edges of a range belong to no words.
    const around = rangeOf(projection, text.indexOf("\n\n"), text.indexOf("More") + 4)!;
    expect(root.textBetween(around.from, around.to)).toBe("More");
    expect(rangeOf(projection, text.indexOf("\n\n"), text.indexOf("\n\n") + 2)).toBeNull();
  });

  it("keeps headings, lists and quotes in the rich content", () => {
    const root = PMNode.fromJSON(schema, {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Next" }] },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "One", marks: [{ type: "bold" }] }] }] }] },
        { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "Quoted" }] }] },
      ],
    });
    const projection = projectDocument(root);
    expect(projection.text).toBe("Next\n\nOne\n\nQuoted");
    expect(projection.content.content.map((node) => node.type)).toEqual(["heading", "bulletList", "blockquote"]);
  });
});
