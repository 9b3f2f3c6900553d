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
  /** positions[offset], without building the whole array. */
  positionAt(offset: number): number;
  /** A string equal for equal contents (their blocks' JSON), kept per block: cheaper than the content's JSON. */
  contentKey: string;
};

/**
 * Characters of a textblock that map one to one onto the canonical text: a run of a text node, or one
 * character (with the combining marks after it) that cleaning or NFC changes. `pos` is where `text`
 * starts; in a run, each UTF-16 unit is at `pos` plus its index.
 */
type Piece = { text: string; pos: number; marks: readonly PMMark[]; run: boolean };

const EDGE_SPACE = /^[^\S\n]$/;
/** A text node the canonical text keeps as it is: no combining marks, nothing to clean, already NFC. */
const unchanged = (text: string) => !/\p{M}/u.test(text) && cleanCharacters(text) === text && text.normalize("NFC") === text;

/** The piece without its first or last UTF-16 unit (always a whole character: an edge space). */
const dropFirst = (piece: Piece): Piece => ({ ...piece, text: piece.text.slice(1), pos: piece.pos + 1 });
const dropLast = (piece: Piece): Piece => ({ ...piece, text: piece.text.slice(0, -1) });

/** Without spaces at the line's edges; a run loses them one character at a time, anything else whole. */
function trimLine(line: Piece[]): Piece[] {
  let start = 0;
  let end = line.length;
  const edge = (piece: Piece, at: number) => EDGE_SPACE.test(piece.run ? piece.text[at]! : piece.text);
  while (start < end && edge(line[start]!, 0)) {
    if (line[start]!.run && line[start]!.text.length > 1) line[start] = dropFirst(line[start]!);
    else start++;
  }
  while (end > start && edge(line[end - 1]!, line[end - 1]!.text.length - 1)) {
    if (line[end - 1]!.run && line[end - 1]!.text.length > 1) line[end - 1] = dropLast(line[end - 1]!);
    else end--;
  }
  return line.slice(start, end);
}

/** Splits a textblock into lines of pieces (a hard break ends a line), each with its position. */
function linesOf(block: PMNode, blockPos: number): Piece[][] {
  const lines: Piece[][] = [[]];
  block.forEach((child, offset) => {
    const pos = blockPos + 1 + offset;
    if (child.type.name === "hardBreak") {
      lines.push([]);
      return;
    }
    if (!child.isText || !child.text) return;
    const line = lines.at(-1)!;
    if (unchanged(child.text)) {
      line.push({ text: child.text, pos, marks: child.marks, run: true });
      return;
    }
    // Characters cluster with the combining marks after them, so that NFC can compose them in place.
    const clusters = child.text.match(/\P{M}\p{M}*|\p{M}+/gsu) ?? [];
    let at = pos;
    for (const cluster of clusters) {
      const text = cleanCharacters(cluster).normalize("NFC");
      if (text) line.push({ text, pos: at, marks: child.marks, run: false });
      at += cluster.length;
    }
  });
  // No spaces at a line's edges, no empty lines.
  return lines.map(trimLine).filter((line) => line.length > 0);
}

function contentMarks(marks: readonly PMMark[]): Mark[] | undefined {
  const kept: Mark[] = [];
  for (const mark of marks) {
    if (mark.type.name === "bold" || mark.type.name === "italic") kept.push({ type: mark.type.name });
    else if (mark.type.name === "link" && typeof mark.attrs.href === "string")
      kept.push({ type: "link", attrs: { href: mark.attrs.href } });
  }
  return kept.length ? kept : undefined;
}

function inlinesOf(lines: Piece[][]): InlineNode[] {
  const inlines: InlineNode[] = [];
  lines.forEach((line, index) => {
    if (index) inlines.push({ type: "hardBreak" });
    for (const piece of line) {
      const marks = contentMarks(piece.marks);
      const last = inlines.at(-1);
      if (last?.type === "text" && JSON.stringify(last.marks) === JSON.stringify(marks)) last.text += piece.text;
      else inlines.push(marks ? { type: "text", text: piece.text, marks } : { type: "text", text: piece.text });
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

/**
 * The projection of one top-level block, as if it began the document (position 0, text offset 0). Cached
 * per node: ProseMirror nodes never change, and a reader that keeps the nodes of unchanged blocks
 * (lib/tags/content-reader.ts) then re-projects only the blocks an edit touched.
 */
type BlockProjection = {
  text: string;
  positions: number[];
  spans: Map<string, Span>;
  blocks: FlatBlock[];
  /** Where the first kept textblock's content starts (a separator before this block maps there). */
  firstPos: number;
};

const projectedBlocks = new WeakMap<PMNode, BlockProjection>();
const blockKeys = new WeakMap<BlockProjection, string>();

function blockKey(block: BlockProjection): string {
  let key = blockKeys.get(block);
  if (key === undefined) blockKeys.set(block, (key = JSON.stringify(block.blocks)));
  return key;
}

function projectBlock(node: PMNode): BlockProjection {
  const cached = projectedBlocks.get(node);
  if (cached) return cached;
  let text = "";
  const positions: number[] = [];
  const spans = new Map<string, Span>();
  const blocks: FlatBlock[] = [];
  let firstPos = -1;
  const visit = (node: PMNode, pos: number, parents: PMNode[]) => {
    if (node.isTextblock) {
      const lines = linesOf(node, pos);
      if (!lines.length) return;
      if (blocks.length) {
        // The paragraph separator belongs to no tag; it maps to the start of this block.
        positions.push(pos + 1, pos + 1);
        text += "\n\n";
      } else firstPos = pos + 1;
      lines.forEach((line, index) => {
        if (index) {
          positions.push(line[0]!.pos);
          text += "\n";
        }
        for (const piece of line) {
          for (const mark of piece.marks) {
            if (mark.type.name !== ANNOTATION_MARK || typeof mark.attrs.id !== "string") continue;
            const span = spans.get(mark.attrs.id);
            if (span) span.end = text.length + piece.text.length;
            else spans.set(mark.attrs.id, { start: text.length, end: text.length + piece.text.length });
          }
          for (let unit = 0; unit < piece.text.length; unit++) positions.push(piece.pos + unit);
          text += piece.text;
        }
      });
      const inlines = inlinesOf(lines);
      blocks.push(
        node.type.name === "heading" ? { kind: "heading", level: Number(node.attrs.level), inlines } : { kind: kindOf(parents), inlines },
      );
      return;
    }
    node.forEach((child, offset) => visit(child, pos + 1 + offset, [...parents, node]));
  };
  visit(node, 0, []);
  const projected = { text, positions, spans, blocks, firstPos };
  projectedBlocks.set(node, projected);
  return projected;
}

const projections = new WeakMap<PMNode, Projection>();

/** The projection of a document; the same object for the same node (the content reader keeps the node while nothing changes). */
export function projectDocument(root: PMNode): Projection {
  let projection = projections.get(root);
  if (!projection) projections.set(root, (projection = projectBlocks(root)));
  return projection;
}

function projectBlocks(root: PMNode): Projection {
  const parts: string[] = [];
  let length = 0;
  const spans = new Map<string, Span>();
  // Where each block's text starts in the whole text (`start`, after the separator that comes before every
  // kept block but the first) and in the document (`offset`).
  const placed: { block: BlockProjection; offset: number; start: number }[] = [];
  root.forEach((child, offset) => {
    const block = projectBlock(child);
    if (!block.blocks.length) return;
    if (placed.length) {
      parts.push("\n\n");
      length += 2;
    }
    placed.push({ block, offset, start: length });
    for (const [id, span] of block.spans) {
      const known = spans.get(id);
      if (known) known.end = length + span.end;
      else spans.set(id, { start: length + span.start, end: length + span.end });
    }
    parts.push(block.text);
    length += block.text.length;
  });
  const text = parts.join("");
  // Positions and content are built when first read: a tag operation needs neither (a store needs the content,
  // an API span two positions), and at 100,000 characters they are most of the work of projecting.
  let positions: number[] | undefined;
  let content: ArticleDoc | undefined;
  let contentKey: string | undefined;
  return {
    text,
    spans,
    get contentKey() {
      return (contentKey ??= placed.map(({ block }) => blockKey(block)).join("\n"));
    },
    get content() {
      return (content ??= blocksToDoc(placed.flatMap(({ block }) => block.blocks)));
    },
    get positions() {
      if (!positions) {
        positions = [];
        for (const [index, { block, offset }] of placed.entries()) {
          if (index) positions.push(offset + block.firstPos, offset + block.firstPos);
          for (const position of block.positions) positions.push(offset + position);
        }
        positions.push(root.content.size);
      }
      return positions;
    },
    positionAt(at: number) {
      if (positions) return positions[at]!;
      if (at >= text.length) return root.content.size;
      // The last block starting at or before `at` (its separator, two characters before it, maps to it).
      let low = 0;
      let high = placed.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (placed[middle]!.start - (middle ? 2 : 0) <= at) low = middle;
        else high = middle - 1;
      }
      const { block, offset, start } = placed[low]!;
      return at < start ? offset + block.firstPos : offset + block.positions[at - start]!;
    },
  };
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
  return words && { from: projection.positionAt(words.start), to: projection.positionAt(words.end - 1) + 1 };
}
