/**
 * An article's rich content: ProseMirror JSON in the node and mark names of Tiptap's StarterKit, so that the
 * editor opens it as is. Its text is the canonical text: each textblock (paragraph, heading) is one
 * paragraph of the text, a hard break is "\n", and textblocks are joined by "\n\n". Lists and quotes only
 * group textblocks; list markers are presentation, not text.
 *
 * Import builds a flat list of blocks (what news articles contain) and turns it into a document here.
 */
import { LINE_BREAK, PARAGRAPH_SEPARATOR, paragraphsOf } from "./canonical-text";

export type Mark = { type: "bold" } | { type: "italic" } | { type: "link"; attrs: { href: string } };
export type TextNode = { type: "text"; text: string; marks?: Mark[] };
export type HardBreakNode = { type: "hardBreak" };
export type InlineNode = TextNode | HardBreakNode;
export type ParagraphNode = { type: "paragraph"; content?: InlineNode[] };
export type HeadingNode = { type: "heading"; attrs: { level: number }; content?: InlineNode[] };
export type TextblockNode = ParagraphNode | HeadingNode;
export type ListItemNode = { type: "listItem"; content: BlockNode[] };
export type ListNode =
  { type: "bulletList"; content: ListItemNode[] } | { type: "orderedList"; attrs?: { start: number }; content: ListItemNode[] };
export type BlockquoteNode = { type: "blockquote"; content: BlockNode[] };
export type BlockNode = TextblockNode | ListNode | BlockquoteNode;
export type ArticleDoc = { type: "doc"; content: BlockNode[] };

/** One textblock of an imported article and what groups it: the flat form import works with. */
export type Block = { kind: "paragraph" | "bullet" | "ordered" | "quote" } | { kind: "heading"; level: number };
export type FlatBlock = Block & { inlines: InlineNode[] };

export function inlineText(inlines: InlineNode[] | undefined): string {
  return (inlines ?? []).map((node) => (node.type === "text" ? node.text : LINE_BREAK)).join("");
}

function textblocksOf(nodes: BlockNode[], out: TextblockNode[] = []): TextblockNode[] {
  for (const node of nodes) {
    if (node.type === "paragraph" || node.type === "heading") out.push(node);
    else if (node.type === "blockquote") textblocksOf(node.content, out);
    else for (const item of node.content) textblocksOf(item.content, out);
  }
  return out;
}

export function docToText(doc: ArticleDoc): string {
  return textblocksOf(doc.content)
    .map((block) => inlineText(block.content))
    .join(PARAGRAPH_SEPARATOR);
}

/** A canonical paragraph as inline nodes: its lines as text, hard breaks between them. */
export function paragraphInlines(paragraph: string): InlineNode[] {
  return paragraph
    .split(LINE_BREAK)
    .flatMap((line, index): InlineNode[] =>
      index ? [{ type: "hardBreak" }, { type: "text", text: line }] : [{ type: "text", text: line }],
    );
}

/** The plain document of a canonical text: one paragraph per paragraph, hard breaks for line breaks. */
export function textToDoc(text: string): ArticleDoc {
  return { type: "doc", content: paragraphsOf(text).map((paragraph) => ({ type: "paragraph", content: paragraphInlines(paragraph) })) };
}

/** Groups flat blocks back into a document: consecutive list items form one list, quotes one blockquote. */
export function blocksToDoc(blocks: FlatBlock[]): ArticleDoc {
  const content: BlockNode[] = [];
  for (const block of blocks) {
    const textblock: TextblockNode =
      block.kind === "heading"
        ? { type: "heading", attrs: { level: block.level }, content: block.inlines }
        : { type: "paragraph", content: block.inlines };
    const last = content.at(-1);
    if (block.kind === "bullet" || block.kind === "ordered") {
      const type = block.kind === "bullet" ? "bulletList" : "orderedList";
      const item: ListItemNode = { type: "listItem", content: [textblock] };
      if (last?.type === type) last.content.push(item);
      else content.push(type === "bulletList" ? { type, content: [item] } : { type, content: [item] });
    } else if (block.kind === "quote") {
      if (last?.type === "blockquote") last.content.push(textblock);
      else content.push({ type: "blockquote", content: [textblock] });
    } else {
      content.push(textblock);
    }
  }
  return { type: "doc", content };
}

/** The flat blocks of a document (the inverse of blocksToDoc for the shapes import produces). */
export function docToBlocks(doc: ArticleDoc): FlatBlock[] {
  const blocks: FlatBlock[] = [];
  const visit = (nodes: BlockNode[], container: "bullet" | "ordered" | "quote" | null) => {
    for (const node of nodes) {
      if (node.type === "paragraph") blocks.push({ kind: container ?? "paragraph", inlines: node.content ?? [] });
      else if (node.type === "heading") blocks.push({ kind: "heading", level: node.attrs.level, inlines: node.content ?? [] });
      else if (node.type === "blockquote") visit(node.content, "quote");
      else for (const item of node.content) visit(item.content, node.type === "bulletList" ? "bullet" : "ordered");
    }
  };
  visit(doc.content, null);
  return blocks;
}
