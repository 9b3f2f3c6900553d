/**
 * Disagreements between two annotators on one article, on letters articles (token k at [2k, 2k + 1),
 * agreement-fixtures.ts), and their consistency with the overlap F1 the agreement figures report.
 */
import { describe, expect, it } from "vitest";
import { AgreementAccumulator, type AgreementArticle } from "@/lib/review/agreement";
import { letterArticle, letterTag as tag, randomArticle, seededRandom } from "@/lib/review/agreement-fixtures";
import { findDisagreements, type Disagreement } from "@/lib/review/disagreements";

/** Kind, label and the two tags' ids, which is what a reviewer reads. */
const summary = (disagreements: Disagreement[]) =>
  disagreements.map(({ kind, label, a, b }) => [kind, label, a?.id ?? null, b?.id ?? null]);

describe("findDisagreements", () => {
  it("lists nothing for identical tags, made apart or merged into one gold tag", () => {
    const apart = letterArticle(6, ["a", "b"], [tag("claim", 0, 2, "a"), tag("claim", 0, 2, "b")]);
    const gold = letterArticle(6, ["a", "b"], [tag("claim", 0, 2, "a", "b")]);
    expect(findDisagreements(apart, "a", "b")).toEqual([]);
    expect(findDisagreements(gold, "a", "b")).toEqual([]);
  });

  it("names each kind", () => {
    const sameSpan = [tag("claim", 0, 1, "a"), tag("quote", 0, 1, "b")];
    expect(summary(findDisagreements(letterArticle(4, ["a", "b"], sameSpan), "a", "b"))).toEqual([
      ["label", "claim", sameSpan[0]!.id, sameSpan[1]!.id],
    ]);

    const sameLabel = [tag("claim", 0, 3, "a"), tag("claim", 1, 3, "b")];
    expect(summary(findDisagreements(letterArticle(4, ["a", "b"], sameLabel), "a", "b"))).toEqual([
      ["boundary", "claim", sameLabel[0]!.id, sameLabel[1]!.id],
    ]);

    // Different label and different span, overlapping on tokens 1–2: a boundary disagreement, a's label.
    const neither = [tag("claim", 0, 2, "a"), tag("actor", 1, 3, "b")];
    expect(summary(findDisagreements(letterArticle(4, ["a", "b"], neither), "a", "b"))).toEqual([
      ["boundary", "claim", neither[0]!.id, neither[1]!.id],
    ]);

    // Not overlapping: one tag each side, sorted by start.
    const apart = [tag("figure", 3, 3, "a"), tag("figure", 0, 0, "b")];
    expect(summary(findDisagreements(letterArticle(4, ["a", "b"], apart), "a", "b"))).toEqual([
      ["only_b", "figure", null, apart[1]!.id],
      ["only_a", "figure", apart[0]!.id, null],
    ]);
  });

  it("pairs same-label boundaries first, as the overlap F1 does, and one to one", () => {
    // a: claim on 0–4; b: claim on 0–2 and actor on 0–4 (a's span, another label). The same-label
    // matching pairs the claims first, so b's actor is left alone rather than a "label" disagreement.
    const first = [tag("claim", 0, 4, "a"), tag("claim", 0, 2, "b"), tag("actor", 0, 4, "b")];
    expect(summary(findDisagreements(letterArticle(5, ["a", "b"], first), "a", "b"))).toEqual([
      // Both start at 0: kinds in their declared order, only_b before boundary.
      ["only_b", "actor", null, first[2]!.id],
      ["boundary", "claim", first[0]!.id, first[1]!.id],
    ]);

    // a: claim on 0–3 ([0, 7)); b: claims on 0–1 ([0, 3)) and 2–3 ([4, 7)), each overlapping a's by 3.
    // The tie goes to the pair starting earlier (not to the tag listed first); a's tag is then taken, so
    // b's later claim is only b's.
    const split = [tag("claim", 0, 3, "a"), tag("claim", 2, 3, "b"), tag("claim", 0, 1, "b")];
    expect(summary(findDisagreements(letterArticle(4, ["a", "b"], split), "a", "b"))).toEqual([
      ["boundary", "claim", split[0]!.id, split[2]!.id],
      ["only_b", "claim", null, split[1]!.id],
    ]);

    // Different-label boundaries go largest overlap first: a's quote on 2–5 overlaps b's actor on 0–2 by
    // one token and b's figure on 3–6 by three, so it pairs with the figure.
    const cross = [tag("quote", 2, 5, "a"), tag("actor", 0, 2, "b"), tag("figure", 3, 6, "b")];
    expect(summary(findDisagreements(letterArticle(7, ["a", "b"], cross), "a", "b"))).toEqual([
      ["only_b", "actor", null, cross[1]!.id],
      ["boundary", "quote", cross[0]!.id, cross[2]!.id],
    ]);
  });

  it("ignores labels outside the set and tags of other users", () => {
    const tags = [tag("claim", 0, 1, "a"), tag("actor", 2, 2, "a"), tag("claim", 3, 3, "c")];
    const result = findDisagreements(letterArticle(4, ["a", "b", "c"], tags), "a", "b", ["claim"]);
    expect(summary(result)).toEqual([["only_a", "claim", tags[0]!.id, null]]);
    expect(result[0]!.articleId).toMatch(/^article-/);
  });

  it("agrees with the overlap F1: matches = identical tags + same-label boundaries", () => {
    // a: claim 0–3, actor 5, quote 7–8; b: claim 1–3, actor 5, figure 7–8, figure 10.
    const tags = [
      tag("claim", 0, 3, "a"),
      tag("actor", 5, 5, "a"),
      tag("quote", 7, 8, "a"),
      tag("claim", 1, 3, "b"),
      tag("actor", 5, 5, "b"),
      tag("figure", 7, 8, "b"),
      tag("figure", 10, 10, "b"),
    ];
    const article = letterArticle(11, ["a", "b"], tags);
    // boundary (claims), label (quote vs figure on 7–8), only_b (figure 10); the actors are identical.
    expect(summary(findDisagreements(article, "a", "b")).map(([kind]) => kind)).toEqual(["boundary", "label", "only_b"]);
    const accumulator = new AgreementAccumulator();
    accumulator.add(article);
    const [result] = accumulator.result();
    // Overlap matches = 1 identical + 1 same-label boundary = 2 of 3 + 4 tags → 4/7; exact: 2·1 / 7.
    expect(result!.f1Overlap).toBeCloseTo(4 / 7, 12);
    expect(result!.f1Exact).toBeCloseTo(2 / 7, 12);
  });

  it("agrees with both F1s on random articles", () => {
    const random = seededRandom(5);
    let checked = 0;
    for (let round = 0; round < 150; round++) {
      const generated = randomArticle(random, ["a", "b"], 10 + Math.floor(random() * 60), Math.floor(random() * 20));
      const article: AgreementArticle = { ...generated, annotators: ["a", "b"] };
      const accumulator = new AgreementAccumulator();
      accumulator.add(article);
      const [result] = accumulator.result();
      const sizeA = article.tags.filter((t) => t.annotators.includes("a")).length;
      const sizeB = article.tags.filter((t) => t.annotators.includes("b")).length;
      const disagreements = findDisagreements(article, "a", "b");
      const count = (test: (d: Disagreement) => boolean) => disagreements.filter(test).length;
      const paired = count((d) => d.kind === "label" || d.kind === "boundary");
      // Every tag of a is identical to one of b, or in exactly one disagreement.
      const identical = sizeA - paired - count((d) => d.kind === "only_a");
      expect(sizeB - paired - count((d) => d.kind === "only_b")).toBe(identical);
      const sameLabelBoundaries = count((d) => d.kind === "boundary" && d.a!.label === d.b!.label);
      if (sizeA + sizeB === 0) continue;
      checked++;
      expect(result!.f1Exact).toBeCloseTo((2 * identical) / (sizeA + sizeB), 12);
      expect(result!.f1Overlap).toBeCloseTo((2 * (identical + sameLabelBoundaries)) / (sizeA + sizeB), 12);
      // Sorted by earliest start.
      const starts = disagreements.map((d) => Math.min(d.a?.start ?? Infinity, d.b?.start ?? Infinity));
      expect(starts).toEqual([...starts].sort((x, y) => x - y));
    }
    expect(checked).toBeGreaterThan(100);
  });
});
