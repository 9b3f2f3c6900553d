/**
 * The canonical text of an article: the one string every annotation offset is measured against. Import,
 * the editor and export all go through this module, so the rules live in one place:
 *
 * - Unicode NFC, so that "é" is one code point however the source encoded it;
 * - `\n` line endings (CRLF, CR, NEL and U+2028 become `\n`; U+2029 separates paragraphs);
 * - paragraphs separated by exactly one blank line (`\n\n`); a single `\n` inside a paragraph is a line break;
 * - no whitespace at the start or end of a line, no blank lines at the start or end of the text;
 * - no control characters except tab and newline, no byte-order marks, no lone surrogates (a broken
 *   emoji becomes U+FFFD, so that the text is valid Unicode that PostgreSQL and every exporter accept);
 * - everything else exactly as written: curly quotes, dashes, ellipses, non-breaking spaces, emoji.
 */

export const PARAGRAPH_SEPARATOR = "\n\n";
export const LINE_BREAK = "\n";

// C0 and C1 controls except tab (09) and newline (0A), plus U+FEFF (byte-order mark / zero-width no-break space).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFEFF]/g;

/** Half of a surrogate pair without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Valid Unicode without control characters: for text inside a line (titles, metadata, HTML text nodes). */
export function cleanCharacters(value: string): string {
  return value.replace(LONE_SURROGATE, "\uFFFD").replace(CONTROL, "");
}

/** Whitespace that may end or start a line: JavaScript's \s without the newline. */
const EDGE_SPACE = /^[^\S\n]+|[^\S\n]+$/g;

export function canonicalize(raw: string): string {
  const unified = raw
    .replace(/\r\n?|\u0085|\u2028/g, LINE_BREAK)
    .replace(/\u2029|\f/g, PARAGRAPH_SEPARATOR)
    .replace(/\v/g, LINE_BREAK)
    .replace(LONE_SURROGATE, "\uFFFD")
    .replace(CONTROL, "")
    .normalize("NFC");
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of unified.split(LINE_BREAK)) {
    const trimmed = line.replace(EDGE_SPACE, "");
    if (trimmed) {
      current.push(trimmed);
    } else if (current.length) {
      paragraphs.push(current.join(LINE_BREAK));
      current = [];
    }
  }
  if (current.length) paragraphs.push(current.join(LINE_BREAK));
  return paragraphs.join(PARAGRAPH_SEPARATOR);
}

export function isCanonical(text: string): boolean {
  return canonicalize(text) === text;
}

/** The paragraphs of a canonical text, in order (never empty strings). */
export function paragraphsOf(text: string): string[] {
  return text ? text.split(PARAGRAPH_SEPARATOR) : [];
}

/** Words as a reader counts them: whitespace-separated runs that contain a letter or a digit. */
export function countWords(text: string): number {
  return text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
