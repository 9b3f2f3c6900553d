/**
 * HTML (saved pages, browser copies, converted .docx and Markdown) to article blocks. sanitize-html first
 * reduces the markup to an allowlist (no scripts, event handlers, iframes, images, styles or unknown
 * attributes survive; the text of page furniture such as nav, aside, footer and forms is dropped whole),
 * then htmlparser2's DOM is walked into blocks with HTML's whitespace rules. Metadata comes from the page's
 * head (title, Open Graph and article meta tags, canonical link, lang).
 */
import { DomUtils, parseDocument } from "htmlparser2";
import type { ChildNode, Document, Element } from "domhandler";
import sanitizeHtml from "sanitize-html";
import { canonicalize, cleanCharacters, paragraphsOf } from "./canonical-text";
import { inlineText, paragraphInlines, type Block, type FlatBlock, type InlineNode, type Mark } from "./content";

export type HtmlMetadata = { title?: string; byline?: string; source?: string; url?: string; publishedAt?: Date; language?: string };

const BLOCK_CONTAINERS = ["article", "main", "section", "div", "header", "body", "table", "tbody", "thead", "tfoot", "dl"];
const BLOCKS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "tr", "dt", "dd", "figcaption"];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    ...BLOCK_CONTAINERS,
    ...BLOCKS,
    "ul",
    "ol",
    "blockquote",
    "a",
    "strong",
    "b",
    "em",
    "i",
    "br",
    "span",
    "td",
    "th",
    "sub",
    "sup",
    "small",
    "mark",
    "time",
    "abbr",
    "cite",
    "q",
    "u",
    "s",
  ],
  allowedAttributes: { a: ["href"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Elements whose text is never article text: dropped with everything inside them.
  nonTextTags: [
    "head",
    "title",
    "script",
    "style",
    "noscript",
    "template",
    "textarea",
    "option",
    "select",
    "button",
    "nav",
    "aside",
    "footer",
    "form",
    "figure",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "canvas",
    "video",
    "audio",
    "picture",
  ],
};

function meta(document: Document, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const element = DomUtils.findOne(
      (node) => node.name === "meta" && (node.attribs.property === key || node.attribs.name === key || node.attribs.itemprop === key),
      document.children,
    );
    const content = element?.attribs.content?.trim();
    if (content) return content;
  }
  return undefined;
}

function text(element: Element | null): string | undefined {
  const value = element ? DomUtils.textContent(element).replace(/\s+/g, " ").trim() : "";
  return value || undefined;
}

function absoluteUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

function date(value: string | undefined): Date | undefined {
  const parsed = value ? new Date(value) : undefined;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
}

export function extractHtmlMetadata(html: string): HtmlMetadata {
  const document = parseDocument(html);
  const find = (test: (element: Element) => boolean) => DomUtils.findOne(test, document.children);
  const language = find((element) => element.name === "html")?.attribs.lang?.trim();
  return {
    title:
      meta(document, "og:title", "twitter:title", "headline") ??
      text(find((element) => element.name === "h1")) ??
      text(find((element) => element.name === "title")),
    byline:
      meta(document, "author", "article:author", "byl") ??
      text(find((element) => element.attribs.rel === "author" || /\bbyline\b/.test(element.attribs.class ?? ""))),
    source: meta(document, "og:site_name", "application-name", "publisher"),
    url: absoluteUrl(
      find((element) => element.name === "link" && element.attribs.rel === "canonical")?.attribs.href ?? meta(document, "og:url"),
    ),
    publishedAt: date(
      meta(document, "article:published_time", "datePublished", "date", "pubdate") ??
        find((element) => element.name === "time" && Boolean(element.attribs.datetime))?.attribs.datetime,
    ),
    language: language && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(language) ? language : undefined,
  };
}

type Context = { kind: "paragraph" | "bullet" | "ordered" | "quote"; marks: Mark[]; pre: boolean };

/** Collects inline content and cuts it into blocks at block boundaries. */
class BlockBuilder {
  readonly blocks: FlatBlock[] = [];
  private inlines: InlineNode[] = [];
  private block: FlatBlock | null = null;

  start(block: Block) {
    this.flush();
    this.block = { ...block, inlines: [] };
  }

  text(value: string, context: Context) {
    // The canonical text's character rules (no control characters, valid Unicode), then HTML's whitespace.
    const cleaned = cleanCharacters(value.replace(/[\u0085\u2028\v]/g, "\n").replace(/\u2029/g, "\n\n"));
    const content = context.pre ? cleaned : cleaned.replace(/[ \t\n\r\f]+/g, " ");
    const parts = context.pre ? content.split("\n") : [content];
    parts.forEach((part, index) => {
      if (index) this.inlines.push({ type: "hardBreak" });
      if (part) this.inlines.push({ type: "text", text: part, ...(context.marks.length ? { marks: context.marks } : {}) });
    });
  }

  hardBreak() {
    this.inlines.push({ type: "hardBreak" });
  }

  /** Ends the current block: trims it like a browser renders it; two breaks in a row end a paragraph. */
  flush(kind?: Context["kind"]) {
    const block = this.block ?? ({ kind: kind ?? "paragraph", inlines: [] } as FlatBlock);
    let line: InlineNode[] = [];
    const lines: InlineNode[][] = [];
    for (const node of this.inlines) {
      if (node.type === "hardBreak") {
        lines.push(line);
        line = [];
      } else {
        line.push({ ...node, text: node.text.normalize("NFC") });
      }
    }
    lines.push(line);
    let paragraph: InlineNode[][] = [];
    const emit = () => {
      const kept = paragraph.map(trimLine).filter((nodes) => nodes.length);
      if (kept.length)
        this.blocks.push({
          ...block,
          inlines: kept.flatMap((nodes, index) => (index ? [{ type: "hardBreak" } as InlineNode, ...nodes] : nodes)),
        });
      paragraph = [];
    };
    for (const current of lines) {
      if (trimLine(current).length === 0) emit();
      else paragraph.push(current);
    }
    emit();
    this.inlines = [];
    this.block = null;
  }
}

/** Drops edge spaces of a line of inline nodes and merges neighbours with the same marks. */
function trimLine(nodes: InlineNode[]): InlineNode[] {
  const merged: { type: "text"; text: string; marks?: Mark[] }[] = [];
  for (const node of nodes) {
    if (node.type !== "text") continue;
    const last = merged.at(-1);
    if (last && JSON.stringify(last.marks ?? []) === JSON.stringify(node.marks ?? [])) last.text += node.text;
    else merged.push({ ...node });
  }
  // Between nodes, collapsing left at most one space on each side: keep one.
  for (let index = 1; index < merged.length; index++) {
    if (/[^\S\n]$/.test(merged[index - 1]!.text) && /^[^\S\n]/.test(merged[index]!.text))
      merged[index]!.text = merged[index]!.text.replace(/^[^\S\n]+/, "");
  }
  // Trim the line's edges, dropping nodes that were only spaces, until a node with text is reached.
  while (merged.length && !(merged[0]!.text = merged[0]!.text.replace(/^[^\S\n]+/, ""))) merged.shift();
  while (merged.length && !(merged.at(-1)!.text = merged.at(-1)!.text.replace(/[^\S\n]+$/, ""))) merged.pop();
  return merged.filter((node) => node.text.length > 0);
}

function withMark(context: Context, mark: Mark): Context {
  return context.marks.some((existing) => existing.type === mark.type) ? context : { ...context, marks: [...context.marks, mark] };
}

function walk(nodes: ChildNode[], builder: BlockBuilder, context: Context) {
  for (const node of nodes) {
    if (node.type === "text") {
      builder.text(node.data, context);
      continue;
    }
    if (node.type !== "tag") continue;
    const name = node.name;
    if (name === "br") builder.hardBreak();
    else if (/^h[1-6]$/.test(name)) {
      builder.start({ kind: "heading", level: Number(name[1]) });
      walk(node.children, builder, context);
      builder.flush();
    } else if (name === "ul" || name === "ol") walk(node.children, builder, { ...context, kind: name === "ul" ? "bullet" : "ordered" });
    else if (name === "blockquote") {
      builder.flush(context.kind);
      walk(node.children, builder, { ...context, kind: "quote" });
      builder.flush("quote");
    } else if (BLOCKS.includes(name) || BLOCK_CONTAINERS.includes(name)) {
      builder.flush(context.kind);
      walk(node.children, builder, { ...context, pre: context.pre || name === "pre" });
      builder.flush(context.kind);
    } else if (name === "strong" || name === "b") walk(node.children, builder, withMark(context, { type: "bold" }));
    else if (name === "em" || name === "i") walk(node.children, builder, withMark(context, { type: "italic" }));
    else if (name === "a") {
      const href = absoluteUrl(node.attribs.href) ?? (node.attribs.href?.startsWith("mailto:") ? node.attribs.href : undefined);
      walk(node.children, builder, href ? withMark(context, { type: "link", attrs: { href } }) : context);
    } else if (name === "td" || name === "th") {
      builder.text(" ", context);
      walk(node.children, builder, context);
      builder.text(" ", context);
    } else walk(node.children, builder, context);
  }
}

/** The article's blocks: the content of its <article> (or <main>, or the whole body), sanitized. */
export function htmlToBlocks(html: string): FlatBlock[] {
  const document = parseDocument(sanitizeHtml(html, SANITIZE));
  const root =
    DomUtils.findOne((element) => element.name === "article", document.children) ??
    DomUtils.findOne((element) => element.name === "main", document.children) ??
    document;
  const builder = new BlockBuilder();
  walk(root.children, builder, { kind: "paragraph", marks: [], pre: false });
  builder.flush();
  return builder.blocks.flatMap(canonicalBlock);
}

/**
 * A block whose text the builder could not keep canonical (e.g. text that does not compose to NFC across
 * two differently marked runs) falls back to plain text, that block only, so the rest keeps its marks.
 */
function canonicalBlock(block: FlatBlock): FlatBlock[] {
  const text = inlineText(block.inlines);
  const canonical = canonicalize(text);
  if (canonical === text) return [block];
  return paragraphsOf(canonical).map((paragraph) => ({ ...block, inlines: paragraphInlines(paragraph) }));
}
