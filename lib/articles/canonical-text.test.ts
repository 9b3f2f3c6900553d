import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalize, countWords, isCanonical, paragraphsOf } from "./canonical-text";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

describe("canonicalize", () => {
  it("turns CRLF wire copy into \\n line endings with one blank line between paragraphs and no edge spaces", () => {
    const text = canonicalize(fixture("wire-crlf.txt"));
    expect(text).not.toMatch(/\r|[ \t]\n|\n[ \t]|\n{3}/);
    expect(text.startsWith("Ferry strike ends after 11 days\nBy Jonas Berg\n\nThe ferry")).toBe(true);
    expect(text.endsWith("Share on Facebook")).toBe(true);
  });

  it("keeps typographic characters and emoji exactly", () => {
    const text = canonicalize("“Quoted” — ‘single’ … 1,219 non\u00a0breaking 🚢 🏳️‍🌈");
    expect(text).toBe("“Quoted” — ‘single’ … 1,219 non\u00a0breaking 🚢 🏳️‍🌈");
  });

  it("composes to NFC, so that é is one code point whatever the source used", () => {
    expect(canonicalize("Cafe\u0301")).toBe("Caf\u00e9");
  });

  it("removes control characters and byte-order marks, keeping tabs inside lines", () => {
    expect(canonicalize("\uFEFFa\u0000b\u0007c\td\u200Be")).toBe("abc\td\u200Be");
  });

  it("replaces a lone surrogate (half an emoji) so that the text is valid Unicode", () => {
    expect(canonicalize("Hello \ud800 world \udc00 🚢")).toBe("Hello \ufffd world \ufffd 🚢");
  });

  it("maps Unicode line and paragraph separators, form feeds and lone CRs", () => {
    expect(canonicalize("one\u2028two\u2029three\fthree b\rfour\u0085five")).toBe("one\ntwo\n\nthree\n\nthree b\nfour\nfive");
  });

  it("is idempotent and recognises its own output", () => {
    for (const raw of [fixture("wire-crlf.txt"), "  \n\n a \n\n\n b  \n", ""]) {
      const once = canonicalize(raw);
      expect(canonicalize(once)).toBe(once);
      expect(isCanonical(once)).toBe(true);
    }
    expect(isCanonical("a\r\nb")).toBe(false);
    expect(isCanonical("a \n\nb")).toBe(false);
    expect(isCanonical("a\n\n\nb")).toBe(false);
  });

  it("splits paragraphs and counts words", () => {
    expect(paragraphsOf("a\nb\n\nc")).toEqual(["a\nb", "c"]);
    expect(paragraphsOf("")).toEqual([]);
    expect(countWords("“We counted 1,219 ballots,” said Ana — the clerk. 🗳️")).toBe(8);
  });
});
