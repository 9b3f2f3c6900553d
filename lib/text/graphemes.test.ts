import { describe, expect, it } from "vitest";
import { clusterAround, describeCodePoints, isClusterBoundary, widenToClusters } from "./graphemes";

const FAMILY = "👩‍👩‍👧"; // three people joined by two zero-width joiners: 8 UTF-16 units
const FLAGS = "🇫🇷🇩🇪"; // two flags, each two regional indicators
const YORUBA = "ọ̀"; // ọ + combining grave: no precomposed form, two code points after NFC

describe("grapheme clusters", () => {
  it("finds the cluster an offset falls inside, and nothing at a boundary", () => {
    const text = `a ${FAMILY} b`;
    expect(clusterAround(text, 2)).toBeNull();
    expect(clusterAround(text, 2 + FAMILY.length)).toBeNull();
    for (let inside = 3; inside < 2 + FAMILY.length; inside++)
      expect(clusterAround(text, inside)).toEqual({ start: 2, end: 2 + FAMILY.length, text: FAMILY });
    expect(clusterAround(text, 0)).toBeNull();
    expect(clusterAround(text, text.length)).toBeNull();
  });

  it("keeps a letter with its combining accent, and pairs regional indicators into flags", () => {
    const accent = `Adébáy${YORUBA}.`;
    expect(isClusterBoundary(accent, accent.indexOf("\u0300"))).toBe(false);
    expect(isClusterBoundary(accent, accent.indexOf("\u0300") + 1)).toBe(true);
    const flags = `x ${FLAGS} y`;
    expect(isClusterBoundary(flags, 2 + 4)).toBe(true); // between the two flags
    expect(isClusterBoundary(flags, 2 + 2)).toBe(false); // inside the first flag
  });

  it("reads only the offset's line, which gives the same answers as the whole text", () => {
    const text = `${"🇫🇷".repeat(3)}\n${FAMILY} and e${"\u0301"}\n\nlast ${FLAGS}`;
    const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
    const boundaries = new Set([...segmenter.segment(text)].map((segment) => segment.index));
    for (let offset = 0; offset <= text.length; offset++)
      expect(isClusterBoundary(text, offset), `offset ${offset}`).toBe(offset === text.length || boundaries.has(offset));
  });

  it("widens a range to whole clusters", () => {
    const text = `say ${FAMILY}${YORUBA} now`;
    expect(widenToClusters(text, 5, text.indexOf("\u0300"))).toEqual({ from: 4, to: text.indexOf("\u0300") + 1 });
    expect(widenToClusters(text, 0, 3)).toEqual({ from: 0, to: 3 });
  });

  it("names code points for messages", () => {
    expect(describeCodePoints("👩‍💻")).toBe("U+1F469 U+200D U+1F4BB");
  });
});
