/**
 * Random articles checked against the definitions written the slow, obvious way (every token against
 * every tag, every tag against every tag), plus the invariants any correct figure keeps: kappa in
 * [−1, 1], F1 in [0, 1], exact F1 ≤ overlap F1, and the same figures when a and b swap roles.
 */
import { describe, expect, it } from "vitest";
import { type Label, LABELS } from "@/lib/vocabulary";
import { AgreementAccumulator, type AgreementArticle, type AgreementTag, type PairAgreement } from "@/lib/review/agreement";
import { randomArticle, seededRandom } from "@/lib/review/agreement-fixtures";
import { overlapLength } from "@/lib/review/span-matching";
import { tokenize } from "@/lib/text/tokens";

const USERS = ["u0", "u1", "u2", "u3"];

function kappa(pairs: [string, string][]): number | null {
  const n = pairs.length;
  const categories = new Set(pairs.flat());
  const share = (side: 0 | 1, category: string) => pairs.filter((pair) => pair[side] === category).length / n;
  const pe = [...categories].reduce((sum, category) => sum + share(0, category) * share(1, category), 0);
  if (n === 0 || categories.size === 1) return null;
  return (pairs.filter(([x, y]) => x === y).length / n - pe) / (1 - pe);
}

function alpha(pairs: [string, string][]): number | null {
  // The coincidence matrix built literally: each unit's two values, both ordered pairs.
  const values = pairs.flat();
  const n = values.length;
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const disagreeing = pairs.filter(([x, y]) => x !== y).length * 2;
  let expected = 0;
  for (const [c, nc] of counts) for (const [k, nk] of counts) if (c !== k) expected += nc * nk;
  return expected === 0 ? null : 1 - ((n - 1) * disagreeing) / expected;
}

function greedyMatches(a: AgreementTag[], b: AgreementTag[]): { exact: number; overlap: number } {
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  a.forEach((x, i) => {
    const j = b.findIndex((y, j) => !usedB.has(j) && y.label === x.label && y.start === x.start && y.end === x.end);
    if (j < 0) return;
    usedA.add(i);
    usedB.add(j);
  });
  const exact = usedA.size;
  // Every same-label overlapping pair, ordered by the keys the definition states.
  const candidates: { i: number; j: number; key: number[] }[] = [];
  a.forEach((x, i) =>
    b.forEach((y, j) => {
      if (x.label !== y.label || overlapLength(x, y) <= 0) return;
      candidates.push({
        i,
        j,
        key: [
          -overlapLength(x, y),
          Math.min(x.start, y.start),
          Math.max(x.start, y.start),
          Math.min(x.end, y.end),
          Math.max(x.end, y.end),
          i,
          j,
        ],
      });
    }),
  );
  const byKey = (p: { key: number[] }, q: { key: number[] }) => {
    const k = p.key.findIndex((value, index) => value !== q.key[index]);
    return k < 0 ? 0 : p.key[k]! - q.key[k]!;
  };
  for (const { i, j } of candidates.sort(byKey)) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
  }
  return { exact, overlap: usedA.size };
}

/** The figures of one pair straight from the definitions. */
function reference(articles: AgreementArticle[], a: string, b: string, labels: readonly Label[]) {
  const overall: [string, string][] = [];
  const perLabel = new Map<Label, [string, string][]>(labels.map((label) => [label, []]));
  const spans = new Map<Label, { exact: number; overlap: number; sizes: number }>(
    labels.map((label) => [label, { exact: 0, overlap: 0, sizes: 0 }]),
  );
  for (const article of articles) {
    if (!article.annotators.includes(a) || !article.annotators.includes(b)) continue;
    const tagsOf = (user: string) => article.tags.filter((tag) => labels.includes(tag.label) && tag.annotators.includes(user));
    const [tagsA, tagsB] = [tagsOf(a), tagsOf(b)];
    const category = (tags: AgreementTag[], token: { start: number; end: number }) => {
      const covering = tags.filter((tag) => token.start < tag.end && token.end > tag.start);
      covering.sort((x, y) => x.end - x.start - (y.end - y.start) || LABELS.indexOf(x.label) - LABELS.indexOf(y.label));
      return covering[0]?.label ?? "none";
    };
    const covered = (tags: AgreementTag[], label: Label, token: { start: number; end: number }) =>
      tags.some((tag) => tag.label === label && token.start < tag.end && token.end > tag.start) ? "yes" : "no";
    for (const token of tokenize(article.text)) {
      overall.push([category(tagsA, token), category(tagsB, token)]);
      for (const label of labels) perLabel.get(label)!.push([covered(tagsA, label, token), covered(tagsB, label, token)]);
    }
    for (const label of labels) {
      const [x, y] = [tagsA.filter((tag) => tag.label === label), tagsB.filter((tag) => tag.label === label)];
      const matches = greedyMatches(x, y);
      const totals = spans.get(label)!;
      totals.exact += matches.exact;
      totals.overlap += matches.overlap;
      totals.sizes += x.length + y.length;
    }
  }
  const f1 = (matches: number, sizes: number) => (sizes === 0 ? null : (2 * matches) / sizes);
  const sum = (key: "exact" | "overlap" | "sizes") => [...spans.values()].reduce((total, value) => total + value[key], 0);
  return {
    tokens: overall.length,
    kappa: kappa(overall),
    alpha: alpha(overall),
    f1Exact: f1(sum("exact"), sum("sizes")),
    f1Overlap: f1(sum("overlap"), sum("sizes")),
    perLabel: Object.fromEntries(
      labels.map((label) => [
        label,
        {
          kappa: kappa(perLabel.get(label)!),
          f1Exact: f1(spans.get(label)!.exact, spans.get(label)!.sizes),
          f1Overlap: f1(spans.get(label)!.overlap, spans.get(label)!.sizes),
        },
      ]),
    ),
  };
}

function expectClose(actual: number | null, expected: number | null) {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(expected, 9);
}

function run(articles: AgreementArticle[], labels?: Label[]): PairAgreement[] {
  const accumulator = new AgreementAccumulator(labels);
  for (const article of articles) accumulator.add(article);
  return accumulator.result();
}

describe("AgreementAccumulator on random articles", () => {
  for (const [seed, labels] of [
    [1, LABELS],
    [2, LABELS],
    [3, ["claim", "quote"]],
    [4, ["figure"]],
  ] as const) {
    it(`matches the definitions computed directly (seed ${seed}, labels ${labels.join(", ")})`, () => {
      const random = seededRandom(seed);
      const articles = Array.from({ length: 25 }, () =>
        randomArticle(random, USERS, 20 + Math.floor(random() * 60), Math.floor(random() * 12)),
      );
      for (const result of run(articles, [...labels])) {
        const expected = reference(articles, result.a, result.b, labels);
        expect(result.tokens).toBe(expected.tokens);
        for (const key of ["kappa", "alpha", "f1Exact", "f1Overlap"] as const) expectClose(result[key], expected[key]);
        for (const label of labels)
          for (const key of ["kappa", "f1Exact", "f1Overlap"] as const)
            expectClose(result.perLabel[label]![key], expected.perLabel[label]![key]);
      }
    });
  }

  it("keeps kappa in [−1, 1] and F1 in [0, 1], and is symmetric in a and b", () => {
    const random = seededRandom(99);
    const articles = Array.from({ length: 200 }, () =>
      randomArticle(random, USERS, 30 + Math.floor(random() * 200), Math.floor(random() * 30)),
    );
    // Reversing the ids reverses every pair's order, so each a becomes b.
    const rename = (user: string) => USERS[USERS.length - 1 - USERS.indexOf(user)]!;
    const swapped = articles.map((article) => ({
      ...article,
      annotators: article.annotators.map(rename),
      tags: article.tags.map((tag) => ({ ...tag, annotators: tag.annotators.map(rename) })),
    }));
    const mirrored = new Map(run(swapped).map((result) => [`${result.b}-${result.a}`, result]));
    const results = run(articles);
    expect(results.length).toBe(6);
    for (const result of results) {
      const inRange = (value: number | null, low: number) => value === null || (value >= low - 1e-12 && value <= 1 + 1e-12);
      for (const figures of [result, ...Object.values(result.perLabel)]) {
        expect(inRange(figures.kappa, -1)).toBe(true);
        expect(inRange(figures.f1Exact, 0)).toBe(true);
        expect(inRange(figures.f1Overlap, 0)).toBe(true);
        if (figures.f1Exact !== null) expect(figures.f1Exact).toBeLessThanOrEqual(figures.f1Overlap!);
      }
      expect(result.alpha === null || result.alpha <= 1).toBe(true);
      const other = mirrored.get(`${rename(result.a)}-${rename(result.b)}`)!;
      expect(other).toMatchObject({ articles: result.articles, tokens: result.tokens });
      for (const key of ["kappa", "alpha", "f1Exact", "f1Overlap"] as const) expectClose(other[key], result[key]);
      for (const label of LABELS)
        for (const key of ["kappa", "f1Exact", "f1Overlap"] as const)
          expectClose(other.perLabel[label]![key], result.perLabel[label]![key]);
    }
  });
});
