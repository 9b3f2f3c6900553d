/**
 * Offsets into a text in two units. Margin stores and exports Unicode code points (what Python's `str`
 * indexes); JavaScript strings, ProseMirror and Yjs count UTF-16 code units. An emoji outside the Basic
 * Multilingual Plane is one code point and two code units, so every offset crossing an API or storage
 * boundary goes through here.
 */
export type OffsetUnit = "codepoint" | "utf16";

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The code-point offset of a UTF-16 offset; throws when it would split a surrogate pair. */
export function utf16ToCodePoint(text: string, utf16: number): number {
  if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > text.length) throw new RangeError(`offset ${utf16} is outside the text (0-${text.length} UTF-16 units)`);
  if (utf16 > 0 && utf16 < text.length && isLowSurrogate(text.charCodeAt(utf16)) && isHighSurrogate(text.charCodeAt(utf16 - 1))) {
    throw new RangeError(`offset ${utf16} splits a character in two`);
  }
  let points = 0;
  for (let index = 0; index < utf16; index++) {
    if (!(isLowSurrogate(text.charCodeAt(index)) && index > 0 && isHighSurrogate(text.charCodeAt(index - 1)))) points++;
  }
  return points;
}

/** The UTF-16 offset of a code-point offset. */
export function codePointToUtf16(text: string, codePoint: number): number {
  if (!Number.isInteger(codePoint) || codePoint < 0) throw new RangeError(`offset ${codePoint} is outside the text`);
  let index = 0;
  for (let points = 0; points < codePoint; points++) {
    if (index >= text.length) throw new RangeError(`offset ${codePoint} is outside the text (${codePointLength(text)} code points)`);
    index += isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1)) ? 2 : 1;
  }
  return index;
}

export function codePointLength(text: string): number {
  let points = 0;
  for (let index = 0; index < text.length; index++) {
    if (!(isLowSurrogate(text.charCodeAt(index)) && index > 0 && isHighSurrogate(text.charCodeAt(index - 1)))) points++;
  }
  return points;
}

/** Converts an offset between units. */
export function convertOffset(text: string, offset: number, from: OffsetUnit, to: OffsetUnit): number {
  if (from === to) return offset;
  return from === "utf16" ? utf16ToCodePoint(text, offset) : codePointToUtf16(text, offset);
}

/** The text between two offsets in a unit: `text[start:end]` as Python would slice it for code points. */
export function sliceText(text: string, start: number, end: number, unit: OffsetUnit): string {
  return unit === "utf16" ? text.slice(start, end) : text.slice(codePointToUtf16(text, start), codePointToUtf16(text, end));
}
