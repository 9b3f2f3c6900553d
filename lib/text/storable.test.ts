import { describe, expect, it } from "vitest";
import { firstUnstorable, storable, unstorableMessage } from "./storable";

const HIGH = "\uD83C"; // the first half of 🌊
const LOW = "\uDF0A"; // its second half

describe("storable", () => {
  it("refuses NUL and lone surrogates, wherever they are", () => {
    for (const text of [
      "\u0000",
      "note\u0000",
      "a\u0000b",
      `${HIGH}`,
      `x${HIGH}y`,
      `wave ${HIGH}`,
      `${LOW}`,
      `${LOW}wave`,
      `${LOW}${HIGH}`,
    ])
      expect(storable(text), JSON.stringify(text)).toBe(false);
  });

  it("accepts what people write: emoji pairs, curly quotes, dashes, other control characters", () => {
    for (const text of [
      "",
      "🌊",
      `${HIGH}${LOW}`,
      "👩🏽‍🔬 and 🇵🇹",
      "“We counted 1,219 ballots,” she said — it’s… done – really",
      "tab\tnewline\n\u0001\u007f\uFFFD\uFEFF",
    ])
      expect(storable(text), JSON.stringify(text)).toBe(true);
  });
});

describe("firstUnstorable", () => {
  it("is null for storable JSON of any shape", () => {
    for (const value of [null, 1, true, "🌊", [], {}, { note: "— “quoted” 🌊", tags: [{ label: "actor" }, ["a", ["b"]]] }])
      expect(firstUnstorable(value)).toBeNull();
  });

  it("names a top-level string `body`, or the path it was given", () => {
    expect(firstUnstorable("a\u0000")).toBe("body");
    expect(firstUnstorable("a\u0000", "--name")).toBe("--name");
  });

  it("names fields with dots and array elements with their index", () => {
    expect(firstUnstorable({ label: "actor", note: "no\u0000te" })).toBe("note");
    expect(firstUnstorable({ annotations: [{ note: "ok" }, {}, { note: `half ${HIGH}` }] })).toBe("annotations.2.note");
    expect(firstUnstorable([["ok", ["ok", LOW]]])).toBe("0.1.1");
    expect(firstUnstorable({ a: { b: [{ c: "\u0000" }] } }, "file")).toBe("file.a.b.0.c");
  });

  it("checks keys too, naming them escaped so that the path itself is printable", () => {
    expect(firstUnstorable({ attributes: { "speaker\u0000": "x" } })).toBe('attributes."speaker\\u0000"');
    expect(firstUnstorable({ [`${HIGH}`]: 1 })).toBe('"\\ud83c"');
    expect(firstUnstorable({ "two words": "\u0000" })).toBe('"two words"');
  });

  it("finds the first in document order, a key before its value", () => {
    expect(firstUnstorable({ a: "\u0000", b: "\u0000" })).toBe("a");
    expect(firstUnstorable({ a: ["ok", { b: "\u0000" }], c: "\u0000" })).toBe("a.1.b");
    expect(firstUnstorable({ ok: "fine", "bad\u0000": "\u0000" })).toBe('"bad\\u0000"');
  });

  it("walks nesting deeper than the call stack", () => {
    const depth = 200_000;
    const deep = JSON.parse(`${"[".repeat(depth)}"\\u0000"${"]".repeat(depth)}`) as unknown;
    expect(firstUnstorable(deep)).toBe(Array(depth).fill("0").join("."));
  });

  it("says where the text was and why it is refused", () => {
    expect(unstorableMessage("note")).toBe("note holds a NUL character or an unpaired surrogate, which cannot be stored");
  });
});
