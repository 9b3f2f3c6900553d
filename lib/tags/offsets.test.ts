import { describe, expect, it } from "vitest";
import { codePointLength, codePointToUtf16, convertOffset, OffsetIndex, sliceText, utf16ToCodePoint } from "./offsets";

const text = "“Ship 🚢 sails” — 1,219 🏳️‍🌈 flags…";

describe("offsets", () => {
  it("converts between code points and UTF-16 units around astral emoji and ZWJ sequences", () => {
    // Python: len(text) == 34; the ship and the flag's two emoji are astral (two UTF-16 units each).
    expect(text.length).toBe(37);
    expect(codePointLength(text)).toBe(34);
    // "sails" starts after the ship emoji, which is two UTF-16 units and one code point.
    expect(text.indexOf("sails")).toBe(9);
    expect(utf16ToCodePoint(text, 9)).toBe(8);
    expect(codePointToUtf16(text, 8)).toBe(9);
    expect(sliceText(text, 8, 13, "codepoint")).toBe("sails");
    expect(sliceText(text, 9, 14, "utf16")).toBe("sails");
  });

  it("round-trips every boundary between characters", () => {
    const points = codePointLength(text);
    for (let point = 0; point <= points; point++) {
      expect(utf16ToCodePoint(text, codePointToUtf16(text, point))).toBe(point);
      expect(convertOffset(text, convertOffset(text, point, "codepoint", "utf16"), "utf16", "codepoint")).toBe(point);
    }
  });

  it("slices exactly as Python would for code points", () => {
    // Python: "“Ship 🚢 sails”"[6:7] == "🚢"
    expect(sliceText(text, 6, 7, "codepoint")).toBe("🚢");
    expect(sliceText(text, 23, 27, "codepoint")).toBe("🏳️‍🌈");
    expect(sliceText(text, 24, 30, "utf16")).toBe("🏳️‍🌈");
  });

  it("refuses offsets outside the text or inside a surrogate pair", () => {
    expect(() => utf16ToCodePoint(text, 7)).toThrow("splits a character in two");
    expect(() => utf16ToCodePoint(text, 38)).toThrow("outside the text");
    expect(() => codePointToUtf16(text, 35)).toThrow("outside the text (34 code points)");
    expect(() => codePointToUtf16(text, -1)).toThrow("outside the text");
  });

  it("converts in bulk exactly as one offset at a time, refusing the same offsets", () => {
    // An answer or the error's message, so that both ways must also refuse alike.
    const outcome = (convert: () => number) => {
      try {
        return convert();
      } catch (error) {
        return (error as Error).message;
      }
    };
    for (const sample of [text, "", "🚢", "a\ud800b", "\udc00🚢\ud83d", "plain words"]) {
      const index = new OffsetIndex(sample);
      expect(index.codePointLength).toBe(codePointLength(sample));
      for (let unit = -1; unit <= sample.length + 1; unit++) {
        expect(outcome(() => index.toCodePoint(unit))).toEqual(outcome(() => utf16ToCodePoint(sample, unit)));
      }
      for (let point = -1; point <= index.codePointLength + 1; point++) {
        expect(outcome(() => index.toUtf16(point))).toEqual(outcome(() => codePointToUtf16(sample, point)));
      }
    }
    expect(new OffsetIndex(text).convert(8, "codepoint", "utf16")).toBe(9);
  });
});
