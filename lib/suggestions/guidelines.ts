/**
 * The annotation guidelines (bench/gold/guidelines.md), the one text that says how to tag: the gold set is
 * annotated by it, suggestions are measured against it, and annotators read it from the editor. Rendered
 * with markdown-it with raw HTML off, so that the page shows only what Markdown means; each heading gets an
 * id from its words, so that a section can be linked (/guidelines#figure).
 */
import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import MarkdownIt from "markdown-it";

const GUIDELINES = path.join(process.cwd(), "bench", "gold", "guidelines.md");

/** "Quotes or claims" → "quotes-or-claims". */
export function headingId(words: string): string {
  return words
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-|-$/g, "");
}

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
markdown.core.ruler.push("heading_ids", (state) => {
  state.tokens.forEach((token, index) => {
    const words = state.tokens[index + 1]?.content;
    if (token.type === "heading_open" && words) token.attrSet("id", headingId(words));
  });
});

/** The guidelines as HTML. */
export function renderGuidelines(source: string): string {
  return markdown.render(source);
}

/** The repository's guidelines, read now (a deployment that changes them needs no rebuild), as HTML. */
export async function readGuidelines(): Promise<string> {
  return renderGuidelines(await readFile(GUIDELINES, "utf8"));
}
