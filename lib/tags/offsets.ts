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
  if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > text.length)
    throw new RangeError(`offset ${utf16} is outside the text (${text.length} UTF-16 code units)`);
  if (utf16 > 0 && utf16 < text.length && isLowSurrogate(text.charCodeAt(utf16)) && isHighSurrogate(text.charCodeAt(utf16 - 1))) {
    throw new RangeError(`offset ${utf16} falls inside a character (it splits a character in two)`);
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

/**
 * Many offsets into one text (a projection's 5,000 tags, an export): an index built once in one pass,
 * then each conversion in constant time. The single-offset functions above walk the text each time.
 */
export class OffsetIndex {
  /** For each UTF-16 offset, the code points before it; -1 between the halves of a surrogate pair. */
  private readonly points: Int32Array;
  /** For each code-point offset, its UTF-16 offset. */
  private readonly units: Int32Array;
  readonly codePointLength: number;

  constructor(readonly text: string) {
    const points = new Int32Array(text.length + 1);
    const units = new Int32Array(text.length + 1);
    let point = 0;
    for (let index = 0; index < text.length; index++, point++) {
      points[index] = point;
      units[point] = index;
      if (isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1))) points[++index] = -1;
    }
    points[text.length] = point;
    units[point] = text.length;
    this.points = points;
    this.units = units.subarray(0, point + 1);
    this.codePointLength = point;
  }

  /** The code-point offset of a UTF-16 offset; throws when it would split a surrogate pair. */
  toCodePoint(utf16: number): number {
    if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > this.text.length)
      throw new RangeError(`offset ${utf16} is outside the text (${this.text.length} UTF-16 code units)`);
    const point = this.points[utf16]!;
    if (point < 0) throw new RangeError(`offset ${utf16} falls inside a character (it splits a character in two)`);
    return point;
  }

  /** The UTF-16 offset of a code-point offset. */
  toUtf16(codePoint: number): number {
    if (!Number.isInteger(codePoint) || codePoint < 0) throw new RangeError(`offset ${codePoint} is outside the text`);
    if (codePoint > this.codePointLength)
      throw new RangeError(`offset ${codePoint} is outside the text (${this.codePointLength} code points)`);
    return this.units[codePoint]!;
  }

  convert(offset: number, from: OffsetUnit, to: OffsetUnit): number {
    if (from === to) return offset;
    return from === "utf16" ? this.toCodePoint(offset) : this.toUtf16(offset);
  }
}

/**
 * Converts an offset between units; throws for one outside the text or inside a character, in the same
 * unit too (an API caller's UTF-16 offsets are checked like converted ones).
 */
export function convertOffset(text: string, offset: number, from: OffsetUnit, to: OffsetUnit): number {
  const converted = from === "utf16" ? utf16ToCodePoint(text, offset) : codePointToUtf16(text, offset);
  return from === to ? offset : converted;
}

/** The text between two offsets in a unit: `text[start:end]` as Python would slice it for code points. */
export function sliceText(text: string, start: number, end: number, unit: OffsetUnit): string {
  return unit === "utf16" ? text.slice(start, end) : text.slice(codePointToUtf16(text, start), codePointToUtf16(text, end));
}
