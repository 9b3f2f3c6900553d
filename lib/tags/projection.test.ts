import { Node as PMNode, type Mark as PMMark } from "@tiptap/pm/model";
import { Transform } from "@tiptap/pm/transform";
import { describe, expect, it } from "vitest";
import { cleanCharacters, isCanonical } from "@/lib/articles/canonical-text";
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
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Line one \u0007" },
            { type: "hardBreak" },
            { type: "hardBreak" },
            { type: "text", text: " line\u0007 two", marks: [{ type: "annotation", attrs: { id: "t" } }] },
          ],
        },
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
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "One", marks: [{ type: "bold" }] }] }] },
          ],
        },
        { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "Quoted" }] }] },
      ],
    });
    const projection = projectDocument(root);
    expect(projection.text).toBe("Next\n\nOne\n\nQuoted");
    expect(projection.content.content.map((node) => node.type)).toEqual(["heading", "bulletList", "blockquote"]);
  });
});

/**
 * The projection as it was first written, a character at a time: the reference the faster one (whole runs
 * of unchanged text) must agree with on every text, position and tag extent.
 */
function referenceProjection(root: PMNode) {
  type Char = { text: string; pos: number; marks: readonly PMMark[] };
  const edge = /^[^\S\n]$/;
  let text = "";
  const positions: number[] = [];
  const spans = new Map<string, { start: number; end: number }>();
  let blocks = 0;
  root.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    const lines: Char[][] = [[]];
    node.forEach((child, offset) => {
      if (child.type.name === "hardBreak") return void lines.push([]);
      let at = pos + 1 + offset;
      for (const cluster of child.text?.match(/\P{M}\p{M}*|\p{M}+/gsu) ?? []) {
        lines.at(-1)!.push({ text: cleanCharacters(cluster).normalize("NFC"), pos: at, marks: child.marks });
        at += cluster.length;
      }
    });
    const kept = lines
      .map((line) => {
        const chars = line.filter((char) => char.text.length > 0);
        let start = 0;
        let end = chars.length;
        while (start < end && edge.test(chars[start]!.text)) start++;
        while (end > start && edge.test(chars[end - 1]!.text)) end--;
        return chars.slice(start, end);
      })
      .filter((line) => line.length > 0);
    if (!kept.length) return false;
    if (blocks++) {
      positions.push(pos + 1, pos + 1);
      text += "\n\n";
    }
    kept.forEach((line, index) => {
      if (index) {
        positions.push(line[0]!.pos);
        text += "\n";
      }
      for (const char of line) {
        for (const mark of char.marks) {
          if (mark.type.name !== "annotation") continue;
          const span = spans.get(mark.attrs.id as string);
          if (span) span.end = text.length + char.text.length;
          else spans.set(mark.attrs.id as string, { start: text.length, end: text.length + char.text.length });
        }
        for (let unit = 0; unit < char.text.length; unit++) positions.push(char.pos + Math.min(unit, char.text.length - 1));
        text += char.text;
      }
    });
    return false;
  });
  positions.push(root.content.size);
  return { text, positions, spans };
}

/** A small seeded generator (LCG), so that a failing seed can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("projectDocument on random documents", () => {
  // What an editor's document may hold: words, edge spaces and tabs, decomposed accents and stray combining
  // marks, emoji (with variation selectors), controls, byte-order marks, newlines inside text, broken
  // surrogates, characters NFC changes on their own (the Ångström sign), typographic punctuation.
  const PIECES = [
    "word",
    "Ana",
    " ",
    "  ",
    "\t",
    "é",
    "e\u0301",
    "\u0301",
    "🚢",
    "🗳️",
    "\u0007",
    "\uFEFF",
    "\n",
    "“",
    "”",
    "—",
    "\uD83D",
    "\u212B",
    "1,219",
    "\u00A0",
  ];
  const MARKS = [
    tag("a"),
    tag("b"),
    tag("c"),
    schema.marks.bold!.create(),
    schema.marks.italic!.create(),
    schema.marks.link!.create({ href: "https://example.com" }),
  ];

  function randomDoc(random: () => number): PMNode {
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const inlines = () => {
      const nodes: PMNode[] = [];
      for (let index = Math.floor(random() * 6); index > 0; index--) {
        if (random() < 0.15) nodes.push(schema.nodes.hardBreak!.create());
        else
          nodes.push(
            schema.text(
              Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(PIECES)).join(""),
              MARKS.filter(() => random() < 0.3),
            ),
          );
      }
      return nodes;
    };
    const textblock = () =>
      random() < 0.2 ? schema.nodes.heading!.create({ level: 2 }, inlines()) : schema.nodes.paragraph!.create(null, inlines());
    const blocks = Array.from({ length: 1 + Math.floor(random() * 5) }, () => {
      const roll = random();
      if (roll < 0.15)
        return schema.nodes.bulletList!.create(null, [
          schema.nodes.listItem!.create(null, [schema.nodes.paragraph!.create(null, inlines())]),
        ]);
      if (roll < 0.25) return schema.nodes.blockquote!.create(null, [textblock()]);
      return textblock();
    });
    return schema.nodes.doc!.create(null, blocks);
  }

  it("agrees with the character-at-a-time reference on text, positions and every tag's extent", () => {
    for (let seed = 1; seed <= 400; seed++) {
      const root = randomDoc(seededRandom(seed));
      const projection = projectDocument(root);
      const reference = referenceProjection(root);
      expect({ seed, text: projection.text }).toEqual({ seed, text: reference.text });
      expect(projection.positions).toEqual(reference.positions);
      expect(Object.fromEntries(projection.spans)).toEqual(Object.fromEntries(reference.spans));
      expect(docToText(projection.content)).toBe(projection.text);
    }
  });
});
