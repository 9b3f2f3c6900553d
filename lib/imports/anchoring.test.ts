import { describe, expect, it } from "vitest";
import { canonicalize } from "@/lib/articles/canonical-text";
import { anchorSpans } from "./anchoring";
import type { ForeignDocument, ForeignSpan } from "./foreign-document";

function doc(text: string, spans: ForeignSpan[], unit: ForeignDocument["unit"] = "codepoint"): ForeignDocument {
  return { label: "doc", text, unit, metadata: {}, spans, links: [] };
}

/** Code-point offsets of `words` in `text` (the n-th occurrence). */
function at(text: string, words: string, occurrence = 1): { start: number; end: number } {
  let index = -1;
  for (let n = 0; n < occurrence; n++) index = text.indexOf(words, index + 1);
  if (index < 0) throw new Error(`"${words}" not in the text`);
  const start = [...text.slice(0, index)].length;
  return { start, end: start + [...words].length };
}

/** Every anchored span covers exactly its text in the canonical text, counted in code points. */
function expectExact(canonical: string, anchored: { start: number; end: number; text: string }[]) {
  const points = [...canonical];
  for (const span of anchored) expect(points.slice(span.start, span.end).join("")).toBe(span.text);
}

describe("anchorSpans", () => {
  it("keeps offsets when the text is already canonical, emoji and curly quotes included", () => {
    const text = "😀 “We won,” said Ana — the clerk 👩🏽‍🤝‍👩🏻 smiled.";
    const spans = [
      { id: "1", label: "quote", ...at(text, "“We won,”") },
      { id: "2", label: "actor", ...at(text, "Ana") },
      { id: "3", label: "actor", ...at(text, "the clerk 👩🏽‍🤝‍👩🏻") },
    ];
    const { anchored, problems } = anchorSpans(doc(text, spans), text);
    expect(problems).toEqual([]);
    expect(anchored.map((span) => [span.start, span.end, span.text])).toEqual([
      [spans[0]!.start, spans[0]!.end, "“We won,”"],
      [spans[1]!.start, spans[1]!.end, "Ana"],
      [spans[2]!.start, spans[2]!.end, "the clerk 👩🏽‍🤝‍👩🏻"],
    ]);
    expectExact(text, anchored);
  });

  it("converts UTF-16 and UTF-8 offsets to code points", () => {
    const text = "😀 Café — 𝒳 said";
    const utf16 = { start: text.indexOf("𝒳"), end: text.indexOf("𝒳") + 2 };
    const bytes = Buffer.byteLength(text.slice(0, text.indexOf("𝒳")));
    const anchored16 = anchorSpans(doc(text, [{ id: "1", label: "actor", ...utf16 }], "utf16"), text).anchored;
    const anchored8 = anchorSpans(doc(text, [{ id: "1", label: "actor", start: bytes, end: bytes + 4 }], "utf8"), text).anchored;
    expect(anchored16[0]).toMatchObject({ ...at(text, "𝒳"), text: "𝒳" });
    expect(anchored8[0]).toMatchObject({ ...at(text, "𝒳"), text: "𝒳" });
  });

  it("re-anchors by quote when canonicalisation moves the text: CRLF, trailing spaces, NFD accents, blank lines", () => {
    const raw = "  Title line   \r\n\r\n\r\nJose\u0301 Ruiz said \u201cyes\u201d — twice.  \r\nThen Jose\u0301 left 😀.\r\n";
    const canonical = canonicalize(raw);
    expect(canonical).not.toBe(raw);
    const spans: ForeignSpan[] = [
      { id: "1", label: "actor", ...at(raw, "Jose\u0301 Ruiz") },
      { id: "2", label: "quote", ...at(raw, "\u201cyes\u201d") },
      { id: "3", label: "actor", ...at(raw, "Jose\u0301", 2) },
      { id: "4", label: "figure", ...at(raw, "twice.  ") },
    ];
    const { anchored, problems } = anchorSpans(doc(raw, spans), canonical);
    expect(problems).toEqual([]);
    expect(anchored.map((span) => span.text)).toEqual(["José Ruiz", "“yes”", "José", "twice."]);
    // The second "José", not the first: the nearest occurrence to where its offsets pointed.
    expect(anchored[2]).toMatchObject(at(canonical, "José", 2));
    expectExact(canonical, anchored);
  });

  it("repairs a unit mismatch by the quote: UTF-16 offsets declared as code points", () => {
    const text = "😀😀 Ana Ruiz spoke, and Ana Ruiz left.";
    const utf16Start = text.indexOf("Ana Ruiz", 10);
    const span = { id: "1", label: "actor", start: utf16Start, end: utf16Start + 8, quote: "Ana Ruiz" };
    const { anchored } = anchorSpans(doc(text, [span]), text);
    expect(anchored[0]).toMatchObject({ ...at(text, "Ana Ruiz", 2), text: "Ana Ruiz" });
  });

  it("uses prefix and suffix to choose among repeated words, and reports what nothing distinguishes", () => {
    const text = "Ana said no. Ana said yes. Ana said no.";
    const withContext = { id: "1", label: "actor", quote: "Ana", prefix: "no. ", suffix: " said yes" };
    const bare = { id: "2", label: "actor", quote: "Ana" };
    const { anchored, problems } = anchorSpans(doc(text, [withContext, bare]), text);
    expect(anchored).toEqual([{ span: withContext, ...at(text, "Ana", 2), text: "Ana" }]);
    expect(problems).toEqual([{ span: bare, reason: "its text occurs 3 times in the article and nothing tells which one is meant" }]);
  });

  it("reports a quote that is not in the text, offsets outside it, and a span of white space only", () => {
    const text = "A short text.";
    const spans: ForeignSpan[] = [
      { id: "1", label: "actor", quote: "Nobody" },
      { id: "2", label: "actor", start: 5, end: 99 },
      { id: "3", label: "actor", start: 1, end: 2, quote: "   " },
      { id: "4", label: "actor" },
    ];
    const { anchored, problems } = anchorSpans(doc(text, spans), text);
    expect(anchored).toEqual([]);
    expect(problems.map((problem) => problem.reason)).toEqual([
      "its text is not in the article (as imported)",
      "5-99 (codepoint) is not a span of the text",
      "it covers only white space",
      "it has neither offsets nor text",
    ]);
  });

  it("refuses spans that split a grapheme cluster: inside a ZWJ emoji, between a letter and its combining accent", () => {
    const family = "👩🏽‍🤝‍👩🏻";
    // q with a combining diaeresis: NFC has no precomposed q̈, so the canonical text keeps two code points.
    const text = `Team ${family} and Aq\u0308a met.`;
    const canonical = text;
    const familyStart = at(text, family).start;
    const spans: ForeignSpan[] = [
      { id: "1", label: "actor", start: familyStart, end: familyStart + 2 },
      { id: "2", label: "actor", ...at(text, "Aq") },
      { id: "3", label: "actor", start: familyStart, end: familyStart + [...family].length },
    ];
    const { anchored, problems } = anchorSpans(doc(text, spans), canonical);
    expect(problems.map((problem) => problem.span.id)).toEqual(["1", "2"]);
    expect(problems[0]!.reason).toMatch(/split a character/);
    expect(anchored.map((span) => span.text)).toEqual([family]);
  });
});
