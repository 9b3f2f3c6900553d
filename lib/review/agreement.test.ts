/**
 * Agreement figures for small constructed articles, each expected value worked out by hand in the comment
 * next to it. Letters articles: token k is the letter at [2k, 2k + 1) (agreement-fixtures.ts). Notation: a token's
 * category pair is (a's category, b's); N tokens; kappa = (N·diag − Σ row·col) / (N² − Σ row·col);
 * alpha = 1 − (n − 1)·2·(N − diag) / (n² − Σ n_c²), n = 2N, n_c = row_c + col_c.
 */
import { describe, expect, it } from "vitest";
import { AgreementAccumulator, type AgreementArticle, type PairAgreement } from "@/lib/review/agreement";
import { letterArticle, letterTag as tag } from "@/lib/review/agreement-fixtures";
import type { Label } from "@/lib/vocabulary";

function agreement(articles: AgreementArticle[], labels?: Label[]): PairAgreement[] {
  const accumulator = new AgreementAccumulator(labels);
  for (const article of articles) accumulator.add(article);
  return accumulator.result();
}

function pair(articles: AgreementArticle[], labels?: Label[]): PairAgreement {
  const [only, ...rest] = agreement(articles, labels);
  expect(rest).toEqual([]);
  return only!;
}

describe("AgreementAccumulator", () => {
  it("gives 1 everywhere for perfect agreement, and null for labels nobody used", () => {
    // 10 tokens; both: claim on 0–2, actor on 5. Categories: claim ×3, actor ×1, none ×6, all on the diagonal.
    const result = pair([
      letterArticle(10, ["a", "b"], [tag("claim", 0, 2, "a"), tag("actor", 5, 5, "a"), tag("claim", 0, 2, "b"), tag("actor", 5, 5, "b")]),
    ]);
    expect(result).toMatchObject({ a: "a", b: "b", articles: 1, tokens: 10 });
    // po = 1, pe = .3² + .1² + .6² = .46 → kappa = (1 − .46) / (1 − .46) = 1.
    expect(result.kappa).toBe(1);
    // No off-diagonal coincidences → alpha = 1 − 0 = 1.
    expect(result.alpha).toBe(1);
    // 2 exact matches of 2 + 2 tags → 2·2 / 4 = 1, and the overlap matching finds the same.
    expect(result.f1Exact).toBe(1);
    expect(result.f1Overlap).toBe(1);
    // claim: yes ×3, no ×7 for both: po = 1, pe = .09 + .49 → 1; actor likewise.
    expect(result.perLabel.claim).toEqual({ kappa: 1, f1Exact: 1, f1Overlap: 1 });
    expect(result.perLabel.actor).toEqual({ kappa: 1, f1Exact: 1, f1Overlap: 1 });
    // figure: "no" on every token for both → pe = 1 → null; no figure tags → F1 null.
    expect(result.perLabel.figure).toEqual({ kappa: null, f1Exact: null, f1Overlap: null });
    expect(Object.keys(result.perLabel)).toEqual(["actor", "claim", "figure", "quote"]);
  });

  it("gives kappa −1 for total disagreement", () => {
    // 10 tokens; a: claim on 0–4, b: claim on 5–9. (claim, none) ×5, (none, claim) ×5, diag 0.
    const result = pair([letterArticle(10, ["a", "b"], [tag("claim", 0, 4, "a"), tag("claim", 5, 9, "b")])]);
    // rows: claim 5, none 5; columns: claim 5, none 5; Σ row·col = 50 → (10·0 − 50) / (100 − 50) = −1.
    expect(result.kappa).toBe(-1);
    // n = 20, n_claim = n_none = 10; 1 − 19·2·10 / (400 − 200) = 1 − 380/200 = −0.9.
    expect(result.alpha).toBeCloseTo(-0.9, 12);
    // No identical tags, and [0, 9) and [10, 19) do not overlap: 2·0 / (1 + 1) = 0.
    expect(result.f1Exact).toBe(0);
    expect(result.f1Overlap).toBe(0);
  });

  it("gives kappa 0 at chance level", () => {
    // 4 tokens; a: claim on 0–1; b: claim on 0 and on 2. Pairs: (c,c) (c,n) (n,c) (n,n).
    const result = pair([letterArticle(4, ["a", "b"], [tag("claim", 0, 1, "a"), tag("claim", 0, 0, "b"), tag("claim", 2, 2, "b")])]);
    // rows 2/2, columns 2/2: Σ row·col = 8, diag 2 → (4·2 − 8) / (16 − 8) = 0.
    expect(result.kappa).toBe(0);
    // n = 8, n_c = n_n = 4: 1 − 7·2·2 / (64 − 32) = 1 − 28/32 = 0.125.
    expect(result.alpha).toBeCloseTo(0.125, 12);
    // No identical tags: 0 / 3. a's [0, 3) overlaps b's [0, 1) only: 2·1 / 3.
    expect(result.f1Exact).toBe(0);
    expect(result.f1Overlap).toBeCloseTo(2 / 3, 12);
  });

  it("leaves an article out of the pairs of an annotator who did not annotate it", () => {
    const first = letterArticle(6, ["a", "b", "c"], [tag("actor", 0, 1, "a", "b", "c")]);
    // b did not annotate the second article: a's and c's tags there must not count against b.
    const second = letterArticle(8, ["a", "c"], [tag("quote", 0, 7, "a"), tag("quote", 0, 7, "c")]);
    const [ab, ac, bc] = agreement([first, second]);
    // (a, b): the first article only, 6 tokens, where the gold tag makes them agree perfectly.
    expect(ab).toMatchObject({ a: "a", b: "b", articles: 1, tokens: 6, kappa: 1, f1Exact: 1 });
    // (a, c): both articles, 6 + 8 = 14 tokens; 2 exact matches of 2 + 2 tags.
    expect(ac).toMatchObject({ a: "a", b: "c", articles: 2, tokens: 14, kappa: 1, f1Exact: 1 });
    expect(bc).toMatchObject({ a: "b", b: "c", articles: 1, tokens: 6 });
  });

  it("skips articles with fewer than two annotators and ignores tags of users who did not annotate", () => {
    const alone = letterArticle(4, ["a"], [tag("claim", 0, 3, "a")]);
    // "x" is not among the annotators, so its tag is nobody's here.
    const stranger = letterArticle(4, ["a", "b"], [tag("claim", 0, 3, "x")]);
    const result = pair([alone, stranger]);
    expect(result).toMatchObject({ articles: 1, tokens: 4, f1Exact: null, f1Overlap: null });
    // Both "none" on all 4 tokens: pe = 1 → null; a single category → alpha null.
    expect(result.kappa).toBeNull();
    expect(result.alpha).toBeNull();
  });

  it("compares overlapping spans token by token and matches them one to one", () => {
    // 8 tokens; a: claim on 0–3, b: claim on 2–5. (c,n) ×2, (c,c) ×2, (n,c) ×2, (n,n) ×2.
    const shifted = pair([letterArticle(8, ["a", "b"], [tag("claim", 0, 3, "a"), tag("claim", 2, 5, "b")])]);
    // rows 4/4, columns 4/4: Σ row·col = 32, diag 4 → (8·4 − 32) / (64 − 32) = 0.
    expect(shifted.kappa).toBe(0);
    // Not identical → exact 0 / 2; they overlap → 2·1 / 2 = 1.
    expect(shifted).toMatchObject({ f1Exact: 0, f1Overlap: 1 });

    // a: claim on 0–3 ([0, 7)); b: claim on 0–1 ([0, 3)) and on 2–3 ([4, 7)). Both overlap a's by 3 code
    // units; the tie goes to the pair starting earlier, b's first. One match of 1 + 2 tags → 2/3.
    const split = pair([letterArticle(4, ["a", "b"], [tag("claim", 0, 3, "a"), tag("claim", 0, 1, "b"), tag("claim", 2, 3, "b")])]);
    expect(split.f1Overlap).toBeCloseTo(2 / 3, 12);
    // Every token is claim for both (b's two tags cover 0–3): a single category → null.
    expect(split.kappa).toBeNull();
  });

  it("gives a token the label of the shortest covering tag, and each label its own yes/no", () => {
    // 8 tokens; a: quote on 0–5 with an actor on 0 inside it; b: quote on 0–5.
    // Overall: token 0 (actor, quote), 1–5 (quote, quote) ×5, 6–7 (none, none) ×2.
    const result = pair([letterArticle(8, ["a", "b"], [tag("quote", 0, 5, "a"), tag("actor", 0, 0, "a"), tag("quote", 0, 5, "b")])]);
    // rows: actor 1, quote 5, none 2; columns: quote 6, none 2; Σ row·col = 30 + 4 = 34; diag 7.
    // kappa = (8·7 − 34) / (64 − 34) = 22/30.
    expect(result.kappa).toBeCloseTo(22 / 30, 12);
    // n = 16; n_actor = 1, n_quote = 11, n_none = 4; Σ n_c² = 138; 1 − 15·2·1 / (256 − 138) = 1 − 30/118.
    expect(result.alpha).toBeCloseTo(1 - 30 / 118, 12);
    // quote yes/no: token 0 is covered by a's quote too, so both say yes on 0–5: kappa 1.
    expect(result.perLabel.quote).toEqual({ kappa: 1, f1Exact: 1, f1Overlap: 1 });
    // actor yes/no: (yes, no) ×1, (no, no) ×7: Σ row·col = 1·0 + 7·8 = 56 → (8·7 − 56) / (64 − 56) = 0.
    expect(result.perLabel.actor).toEqual({ kappa: 0, f1Exact: 0, f1Overlap: 0 });
    // One identical quote of 2 + 1 tags → 2/3.
    expect(result.f1Exact).toBeCloseTo(2 / 3, 12);
  });

  it("breaks a tie between equally short tags by LABEL_ORDER", () => {
    // a: claim and quote on the same tokens 0–1; b: quote there. Token categories: a claim (earlier in
    // LABEL_ORDER than quote), b quote, on 0–1; (none, none) on 2–3.
    const result = pair([letterArticle(4, ["a", "b"], [tag("quote", 0, 1, "a"), tag("claim", 0, 1, "a"), tag("quote", 0, 1, "b")])]);
    // rows: claim 2, none 2; columns: quote 2, none 2; Σ row·col = 4; diag 2 → (4·2 − 4) / (16 − 4) = 1/3.
    expect(result.kappa).toBeCloseTo(1 / 3, 12);
  });

  it("counts offsets in UTF-16 code units through emoji, curly quotes and em dashes", () => {
    // Tokens: “ [0,1) Hi [1,3) 👋🏽 [4,8) ” [8,9) — [10,11) said [12,16) Zoë [17,20) . [20,21).
    const text = "“Hi 👋🏽” — said Zoë.";
    const tags = [
      { id: "qa", label: "quote" as const, start: 0, end: 9, annotators: ["a"] }, // “Hi 👋🏽”: tokens 0–3
      { id: "aa", label: "actor" as const, start: 17, end: 20, annotators: ["a"] }, // Zoë: token 6
      { id: "qb", label: "quote" as const, start: 1, end: 8, annotators: ["b"] }, // Hi 👋🏽: tokens 1–2
      { id: "ab", label: "actor" as const, start: 17, end: 20, annotators: ["b"] },
    ];
    expect(text.slice(17, 20)).toBe("Zoë");
    const result = pair([{ id: "emoji", text, annotators: ["a", "b"], tags }]);
    expect(result.tokens).toBe(8);
    // (q,n) (q,q) (q,q) (q,n) (n,n) (n,n) (actor,actor) (n,n): diag 6; rows q 4, actor 1, none 3;
    // columns q 2, actor 1, none 5; Σ row·col = 8 + 1 + 15 = 24 → (8·6 − 24) / (64 − 24) = 0.6.
    expect(result.kappa).toBeCloseTo(0.6, 12);
    // n = 16; n_q = 6, n_actor = 2, n_none = 8; Σ n_c² = 104 → 1 − 15·2·2 / (256 − 104) = 1 − 60/152.
    expect(result.alpha).toBeCloseTo(1 - 60 / 152, 12);
    // quote yes/no: (y,y) ×2, (y,n) ×2, (n,n) ×4; Σ row·col = 4·2 + 4·6 = 32 → (8·6 − 32) / (64 − 32) = 0.5.
    expect(result.perLabel.quote!.kappa).toBeCloseTo(0.5, 12);
    // Only Zoë is identical: 2·1 / 4; both quotes overlap: 2·2 / 4.
    expect(result).toMatchObject({ f1Exact: 0.5, f1Overlap: 1 });
  });

  it("ignores labels outside the label set, in LABEL_ORDER whatever the order given", () => {
    // The nested case above with only quote (and claim, unused): a's actor tag disappears, so both have
    // quote on 0–5 and none on 6–7: perfect agreement.
    const article = letterArticle(8, ["a", "b"], [tag("quote", 0, 5, "a"), tag("actor", 0, 0, "a"), tag("quote", 0, 5, "b")]);
    const result = pair([article], ["quote", "claim"]);
    expect(Object.keys(result.perLabel)).toEqual(["claim", "quote"]);
    // 1 exact match of 1 + 1 tags (the actor is not counted) → 1.
    expect(result).toMatchObject({ kappa: 1, alpha: 1, f1Exact: 1, f1Overlap: 1 });
  });

  it("counts a gold tag as a tag of each of its annotators, and identical tags of one user twice", () => {
    // One tag listing a and b: a tag of each, identical → 2·1 / (1 + 1) = 1; the tag is c's disagreement too.
    const gold = letterArticle(4, ["a", "b", "c"], [tag("figure", 1, 2, "a", "b")]);
    const [ab, ac] = agreement([gold]);
    expect(ab).toMatchObject({ a: "a", b: "b", kappa: 1, f1Exact: 1 });
    // (a, c): a has 1 tag, c none → 2·0 / 1 = 0.
    expect(ac).toMatchObject({ a: "a", b: "c", f1Exact: 0 });

    // a tagged the same words twice, b once: one match of 2 + 1 tags → 2/3 (the copy is a spare tag).
    const twice = letterArticle(4, ["a", "b"], [tag("figure", 1, 2, "a"), tag("figure", 1, 2, "a"), tag("figure", 1, 2, "b")]);
    expect(pair([twice]).f1Exact).toBeCloseTo(2 / 3, 12);
  });

  it("pools counts over articles instead of averaging per article", () => {
    // Article 1: one identical claim each (F1 1). Article 2: a has 3 claims, b none (F1 0).
    // Pooled: 2·1 / (1 + 1 + 3) = 0.4, not the mean 0.5.
    const first = letterArticle(4, ["a", "b"], [tag("claim", 0, 0, "a"), tag("claim", 0, 0, "b")]);
    const second = letterArticle(6, ["a", "b"], [tag("claim", 0, 0, "a"), tag("claim", 2, 2, "a"), tag("claim", 4, 4, "a")]);
    const result = pair([first, second]);
    expect(result).toMatchObject({ articles: 2, tokens: 10 });
    expect(result.f1Exact).toBeCloseTo(0.4, 12);
    // Tokens pooled: (c,c) ×1, (n,n) ×3 + (c,n) ×3, (n,n) ×3; diag 7; rows c 4, n 6; columns c 1, n 9;
    // Σ row·col = 4 + 54 = 58 → (10·7 − 58) / (100 − 58) = 12/42.
    expect(result.kappa).toBeCloseTo(12 / 42, 12);
  });

  it("sorts pairs by a then b in string order and does not count tags outside the text's tokens", () => {
    const article = letterArticle(3, ["b", "a", "C", "a"], [{ id: "space", label: "claim", start: 1, end: 2, annotators: ["a"] }]);
    const pairs = agreement([article]).map(({ a, b }) => `${a}-${b}`);
    // "C" < "a" < "b" in code unit order; "a" listed twice is one annotator.
    expect(pairs).toEqual(["C-a", "C-b", "a-b"]);
    // The tag covers only the space between "a" and "b": no token, so every token is "none" for everyone.
    expect(agreement([article])[2]!.kappa).toBeNull();
  });
});
