/**
 * The shared one-to-one matching: what overlaps, what is matched first, and that swapping the sides
 * matches as many tags (the agreement figures rely on it for their symmetry).
 */
import { describe, expect, it } from "vitest";
import type { Label } from "@/lib/vocabulary";
import { seededRandom } from "@/lib/review/agreement-fixtures";
import { createUsed, matchSameLabel, overlapLength, pairOverlapping, type Span } from "@/lib/review/span-matching";

const span = (label: Label, start: number, end: number): Span => ({ label, start, end });

describe("span matching", () => {
  it("does not count touching or empty spans as overlapping", () => {
    // [0, 3) and [3, 6) share no code unit; an empty span at 2 lies inside [0, 3) but covers nothing.
    expect(overlapLength(span("claim", 0, 3), span("claim", 3, 6))).toBe(0);
    const a = [span("claim", 0, 3), span("claim", 2, 2)];
    const b = [span("claim", 3, 6)];
    expect(pairOverlapping(a, b, createUsed(a, b))).toEqual([]);
  });

  it("matches identical spans before overlapping ones, and each tag once", () => {
    // a's [0, 10) could pair with b's [0, 9) (overlap 9), but b's identical [0, 10) comes first; a's
    // second [0, 10) then takes [0, 9). b's [20, 25) overlaps nothing.
    const a = [span("quote", 0, 10), span("quote", 0, 10)];
    const b = [span("quote", 0, 9), span("quote", 0, 10), span("quote", 20, 25)];
    const { exact, overlap, used } = matchSameLabel(a, b);
    expect(exact).toEqual([{ a: 0, b: 1 }]);
    expect(overlap).toEqual([{ a: 1, b: 0 }]);
    expect([...used.b]).toEqual([1, 1, 0]);
  });

  it("never pairs different labels in the same-label matching", () => {
    const a = [span("actor", 0, 5)];
    const b = [span("figure", 0, 5), span("actor", 3, 8)];
    expect(matchSameLabel(a, b)).toMatchObject({ exact: [], overlap: [{ a: 0, b: 1 }] });
  });

  it("matches as many tags whichever side is a", () => {
    const random = seededRandom(11);
    const labels: Label[] = ["actor", "claim"];
    const spans = (count: number) =>
      Array.from({ length: count }, () => {
        const start = Math.floor(random() * 60);
        return span(labels[Math.floor(random() * 2)]!, start, start + 1 + Math.floor(random() * 12));
      });
    for (let round = 0; round < 300; round++) {
      const [a, b] = [spans(Math.floor(random() * 10)), spans(Math.floor(random() * 10))];
      const forward = matchSameLabel(a, b);
      const backward = matchSameLabel(b, a);
      expect(backward.exact.length).toBe(forward.exact.length);
      expect(backward.overlap.length).toBe(forward.overlap.length);
      // One to one: no tag appears in two pairs.
      const pairs = [...forward.exact, ...forward.overlap];
      expect(new Set(pairs.map((pair) => pair.a)).size).toBe(pairs.length);
      expect(new Set(pairs.map((pair) => pair.b)).size).toBe(pairs.length);
    }
  });
});
