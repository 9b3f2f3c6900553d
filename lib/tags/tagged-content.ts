/**
 * An article's rich content cut at its tags' edges, for showing the tags without the editor (the article
 * page's preview while the live documents sync). Pure, in two steps:
 *
 * - placeTags (on the server): the projection's tags, in code points of the canonical text, placed on the
 *   content's own text (docToText) in UTF-16 units. A tag whose offsets there do not cover its recorded
 *   words (content and text out of step, or a store between the page's two reads) is left out rather than
 *   highlight other words.
 * - tagContent (where the preview renders): the content's text nodes cut wherever a tag starts or ends, each
 *   piece carrying the tags over it, outermost first, as the editor's overlapping marks do.
 */
import {
  docToText,
  type ArticleDoc,
  type BlockNode,
  type HardBreakNode,
  type HeadingNode,
  type InlineNode,
  type Mark,
  type ParagraphNode,
} from "@/lib/articles/content";
import { LINE_BREAK, PARAGRAPH_SEPARATOR } from "@/lib/articles/canonical-text";
import type { Label, TagStatus } from "@/lib/vocabulary";
import { OffsetIndex } from "./offsets";

/** A tag as the projection holds it: code points into the canonical text, end exclusive, and its words. */
export type ContentTag = { label: Label; status: TagStatus; start: number; end: number; text: string };

/**
 * A tag placed on the content's text: UTF-16 offsets (end exclusive), label and review status. A tuple,
 * since the page sends thousands of them to the browser with the content.
 */
export type TagPlace = readonly [start: number, end: number, label: Label, status: TagStatus];

/** A run of one text node's characters under the same tags (outermost first: earliest start, then longest). */
export type TaggedTextNode = { type: "text"; text: string; marks?: Mark[]; tags: readonly TagPlace[] };
export type TaggedInline = TaggedTextNode | HardBreakNode;
export type TaggedTextblock = (Omit<ParagraphNode, "content"> | Omit<HeadingNode, "content">) & { content: TaggedInline[] };
export type TaggedListItem = { type: "listItem"; content: TaggedBlock[] };
export type TaggedBlock =
  | TaggedTextblock
  | { type: "blockquote"; content: TaggedBlock[] }
  | { type: "bulletList"; content: TaggedListItem[] }
  | { type: "orderedList"; attrs?: { start: number }; content: TaggedListItem[] };

/**
 * The tags whose offsets cover exactly their words in the content's text, placed there, in the order given;
 * the others are left out.
 */
export function placeTags(doc: ArticleDoc, tags: readonly ContentTag[]): TagPlace[] {
  const text = docToText(doc);
  const offsets = new OffsetIndex(text);
  const places: TagPlace[] = [];
  for (const tag of tags) {
    const { start, end } = tag;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > offsets.codePointLength) continue;
    const from = offsets.toUtf16(start);
    const to = offsets.toUtf16(end);
    if (text.slice(from, to) === tag.text) places.push([from, to, tag.label, tag.status]);
  }
  return places;
}

/** Earliest start first, then the longest: a tag that encloses another stays outside it. */
const outermostFirst = (a: TagPlace, b: TagPlace) => a[0] - b[0] || b[1] - a[1];

/** The content's blocks with their text nodes cut at the places' edges, each piece with the tags over it. */
export function tagContent(doc: ArticleDoc, places: readonly TagPlace[]): TaggedBlock[] {
  const byStart = [...places].sort(outermostFirst);
  const byEnd = [...places].sort((a, b) => a[1] - b[1]);
  // A sweep along the text: tags enter at their start and leave at their end; `at` is the offset of the
  // next character, counted exactly as docToText counts (separators between textblocks, "\n" per break).
  let entering = 0;
  let leaving = 0;
  let open: TagPlace[] = [];
  let at = 0;
  let textblocks = 0;
  const advance = (to: number) => {
    const ending = leaving;
    const starting = entering;
    while (leaving < byEnd.length && byEnd[leaving]![1] <= to) leaving++;
    while (entering < byStart.length && byStart[entering]![0] <= to) entering++;
    if (leaving === ending && entering === starting) return;
    // A new array, since the pieces so far keep theirs. A tag that entered and has ended by now covered
    // only breaks before `to`: nothing of it is shown.
    open = [...open, ...byStart.slice(starting, entering)].filter((tag) => tag[1] > to).sort(outermostFirst);
  };
  /** Where the next tag starts or an open one ends, after `from`; Infinity if nowhere. */
  const nextEdge = (from: number) => {
    let edge = entering < byStart.length ? byStart[entering]![0] : Infinity;
    for (const tag of open) edge = Math.min(edge, tag[1]);
    return edge > from ? edge : Infinity;
  };

  const inlines = (nodes: InlineNode[] | undefined): TaggedInline[] => {
    if (textblocks++) at += PARAGRAPH_SEPARATOR.length;
    const out: TaggedInline[] = [];
    for (const node of nodes ?? []) {
      if (node.type === "hardBreak") {
        // Tags live on words: the editor keeps no mark on a break, so it splits a tag's elements there too.
        out.push(node);
        at += LINE_BREAK.length;
        continue;
      }
      const base = at;
      const end = at + node.text.length;
      while (at < end) {
        advance(at);
        const to = Math.min(end, nextEdge(at));
        const piece: TaggedTextNode = { type: "text", text: node.text.slice(at - base, to - base), tags: open };
        if (node.marks) piece.marks = node.marks;
        out.push(piece);
        at = to;
      }
    }
    return out;
  };
  const block = (node: BlockNode): TaggedBlock => {
    switch (node.type) {
      case "paragraph":
      case "heading":
        return { ...node, content: inlines(node.content) };
      case "blockquote":
        return { type: "blockquote", content: node.content.map(block) };
      case "bulletList":
      case "orderedList":
        return { ...node, content: node.content.map((item) => ({ type: "listItem", content: item.content.map(block) })) };
    }
  };
  return doc.content.map(block);
}
