/**
 * The projection of a live article document: its canonical text, its rich content, and where each tag lies
 * in that text. The live document may hold what the canonical text forbids (an empty paragraph after a
 * press of Enter, a space at the end of a line, a character typed as a letter and a combining accent);
 * the projection leaves those out, and every tag's offsets count only what is kept, so that
 * `text.slice(start, end)` is exactly the tagged words. Pure: it reads a ProseMirror node.
 */
import type { Mark as PMMark, Node as PMNode } from "@tiptap/pm/model";
import { cleanCharacters } from "@/lib/articles/canonical-text";
import { blocksToDoc, type ArticleDoc, type FlatBlock, type InlineNode, type Mark } from "@/lib/articles/content";
import { ANNOTATION_MARK } from "@/lib/editor/annotation-mark";

/** Offsets in UTF-16 code units of `text`, end exclusive. */
export type Span = { start: number; end: number };

export type Projection = {
  text: string;
  content: ArticleDoc;
  /** Each tag's extent: from its first to its last kept character. */
  spans: Map<string, Span>;
  /** The ProseMirror position of the character at each text offset (a separator maps to the position of
   * the break or of the next block), and one more entry for the end of the text. */
  positions: number[];
};

type Char = { text: string; pos: number; marks: readonly PMMark[] };

const EDGE_SPACE = /^[^\S\n]$/;

/** Splits a textblock into lines of characters (a hard break ends a line), each with its position. */
function linesOf(block: PMNode, blockPos: number): Char[][] {
  const lines: Char[][] = [[]];
  block.forEach((child, offset) => {
    const pos = blockPos + 1 + offset;
    if (child.type.name === "hardBreak") {
      lines.push([]);
      return;
    }
    if (!child.isText || !child.text) return;
    // Characters cluster with the combining marks after them, so that NFC can compose them in place.
    const clusters = child.text.match(/\P{M}\p{M}*|\p{M}+/gsu) ?? [];
    let at = pos;
    for (const cluster of clusters) {
      lines.at(-1)!.push({ text: cleanCharacters(cluster).normalize("NFC"), pos: at, marks: child.marks });
      at += cluster.length;
    }
  });
  // No spaces at a line's edges, no empty lines.
  return lines
    .map((line) => {
      let start = 0;
      let end = line.length;
      while (start < end && EDGE_SPACE.test(line[start]!.text)) start++;
      while (end > start && EDGE_SPACE.test(line[end - 1]!.text)) end--;
      return line.slice(start, end).filter((char) => char.text.length > 0);
    })
    .filter((line) => line.length > 0);
}

function contentMarks(marks: readonly PMMark[]): Mark[] | undefined {
  const kept: Mark[] = [];
  for (const mark of marks) {
    if (mark.type.name === "bold" || mark.type.name === "italic") kept.push({ type: mark.type.name });
    else if (mark.type.name === "link" && typeof mark.attrs.href === "string") kept.push({ type: "link", attrs: { href: mark.attrs.href } });
  }
  return kept.length ? kept : undefined;
}

function inlinesOf(lines: Char[][]): InlineNode[] {
  const inlines: InlineNode[] = [];
  lines.forEach((line, index) => {
    if (index) inlines.push({ type: "hardBreak" });
    for (const char of line) {
      const marks = contentMarks(char.marks);
      const last = inlines.at(-1);
      if (last?.type === "text" && JSON.stringify(last.marks) === JSON.stringify(marks)) last.text += char.text;
      else inlines.push(marks ? { type: "text", text: char.text, marks } : { type: "text", text: char.text });
    }
  });
  return inlines;
}

function kindOf(parents: PMNode[]): "paragraph" | "bullet" | "ordered" | "quote" {
  for (let index = parents.length - 1; index >= 0; index--) {
    const name = parents[index]!.type.name;
    if (name === "bulletList") return "bullet";
    if (name === "orderedList") return "ordered";
    if (name === "blockquote") return "quote";
  }
  return "paragraph";
}

export function projectDocument(root: PMNode): Projection {
  let text = "";
  const positions: number[] = [];
  const spans = new Map<string, Span>();
  const blocks: FlatBlock[] = [];
  const visit = (node: PMNode, pos: number, parents: PMNode[]) => {
    if (node.isTextblock) {
      const lines = linesOf(node, pos);
      if (!lines.length) return;
      if (blocks.length) {
        // The paragraph separator belongs to no tag; it maps to the start of this block.
        positions.push(pos + 1, pos + 1);
        text += "\n\n";
      }
      lines.forEach((line, index) => {
        if (index) {
          positions.push(line[0]!.pos);
          text += "\n";
        }
        for (const char of line) {
          for (const mark of char.marks) {
            if (mark.type.name !== ANNOTATION_MARK || typeof mark.attrs.id !== "string") continue;
            const span = spans.get(mark.attrs.id);
            if (span) span.end = text.length + char.text.length;
            else spans.set(mark.attrs.id, { start: text.length, end: text.length + char.text.length });
          }
          for (let unit = 0; unit < char.text.length; unit++) positions.push(char.pos + Math.min(unit, char.text.length - 1));
          text += char.text;
        }
      });
      const inlines = inlinesOf(lines);
      blocks.push(node.type.name === "heading" ? { kind: "heading", level: Number(node.attrs.level), inlines } : { kind: kindOf(parents), inlines });
      return;
    }
    node.forEach((child, offset) => visit(child, pos + 1 + offset, [...parents, node]));
  };
  root.forEach((child, offset) => visit(child, offset, []));
  positions.push(root.content.size);
  return { text, content: blocksToDoc(blocks), spans, positions };
}

/** The span without the line and paragraph breaks at its ends (they belong to no words); null if nothing else is left. */
export function trimBreaks(text: string, span: Span): Span | null {
  let { start, end } = span;
  while (start < end && text[start] === "\n") start++;
  while (end > start && text[end - 1] === "\n") end--;
  return start < end ? { start, end } : null;
}

/**
 * The ProseMirror range of the text between two UTF-16 offsets (end exclusive), breaks at either end left
 * out (trimBreaks). Null when nothing but breaks is left.
 */
export function rangeOf(projection: Projection, start: number, end: number): { from: number; to: number } | null {
  const words = trimBreaks(projection.text, { start, end });
  return words && { from: projection.positions[words.start]!, to: projection.positions[words.end - 1]! + 1 };
}
