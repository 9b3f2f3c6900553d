/**
 * An article's rich content (the ProseMirror JSON the editor shows) and its canonical text (what every
 * offset is measured against) must always agree. Paragraphs are separated by exactly one blank line.
 */
export type TextNode = { type: "text"; text: string };
export type ParagraphNode = { type: "paragraph"; content?: TextNode[] };
export type ArticleDoc = { type: "doc"; content: ParagraphNode[] };

export const PARAGRAPH_SEPARATOR = "\n\n";

export function paragraphsOf(text: string): string[] {
  return text.split(PARAGRAPH_SEPARATOR);
}

export function textToDoc(text: string): ArticleDoc {
  return {
    type: "doc",
    content: paragraphsOf(text).map((paragraph) => (paragraph ? { type: "paragraph", content: [{ type: "text", text: paragraph }] } : { type: "paragraph" })),
  };
}

export function docToText(doc: ArticleDoc): string {
  return doc.content.map((paragraph) => (paragraph.content ?? []).map((node) => node.text).join("")).join(PARAGRAPH_SEPARATOR);
}

/** Words as a reader counts them (runs of letters, digits and joined punctuation between spaces). */
export function countWords(text: string): number {
  return text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
