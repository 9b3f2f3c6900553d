import { describe, expect, it } from "vitest";
import { countArticle, evaluateSuggester, type GoldSpan, matchExact, matchOverlap, score } from "./evaluation";
import type { Suggester, Suggestion, SuggestionAttributes } from "./suggester";
import type { Label } from "@/lib/vocabulary";

// "Mara Lindqvist said “We will not wait,” and Okafor said 3,000 people."
//  0         1         2         3         4         5         6
//  0123456789012345678901234567890123456789012345678901234567890123456789
const TEXT = "Mara Lindqvist said “We will not wait,” and Okafor said 3,000 people.";

const gold = (id: string, label: Label, start: number, end: number, attributes: GoldSpan["attributes"] = {}): GoldSpan => ({
  id,
  label,
  start,
  end,
  attributes,
});

const GOLD: GoldSpan[] = [
  gold("actor-1", "actor", 0, 14, { actor: "lind" }),
  gold("quote-2", "quote", 20, 39, { speakerId: "actor-1", speakerActor: "lind", direct: true }),
  gold("actor-3", "actor", 44, 50, { actor: "okafor" }),
  gold("figure-4", "figure", 56, 68, { value: 3000, unit: "people", approximate: false }),
];

let keys = 0;
const suggestion = (label: Label, start: number, end: number, attributes: SuggestionAttributes = {}, key = `s${++keys}`): Suggestion => ({
  key,
  label,
  start,
  end,
  text: TEXT.slice(start, end),
  score: 1,
  attributes,
});

const LABELS: Label[] = ["actor", "quote", "figure", "claim"];

describe("score", () => {
  it("is perfect when every suggestion matches every gold tag", () => {
    expect(score(4, 4, 4)).toEqual({ matched: 4, precision: 1, recall: 1, f1: 1 });
  });

  it("is the harmonic mean of precision and recall", () => {
    const { precision, recall, f1 } = score(2, 4, 8);
    expect([precision, recall]).toEqual([0.25, 0.5]);
    expect(f1).toBeCloseTo((2 * 0.25 * 0.5) / 0.75, 12);
  });

  it("has no precision without suggestions and no recall without gold, and F1 0 when one side is empty", () => {
    expect(score(0, 5, 0)).toEqual({ matched: 0, precision: null, recall: 0, f1: 0 });
    expect(score(0, 0, 3)).toEqual({ matched: 0, precision: 0, recall: null, f1: 0 });
    expect(score(0, 0, 0)).toEqual({ matched: 0, precision: null, recall: null, f1: null });
    expect(score(0, 3, 3).f1).toBe(0);
  });
});

describe("matching", () => {
  it("matches exactly only the same start and end, each gold tag once", () => {
    const suggestions = [suggestion("actor", 0, 14), suggestion("actor", 0, 14), suggestion("actor", 0, 4)];
    expect(matchExact(GOLD.slice(0, 1), suggestions)).toEqual([{ gold: 0, suggestion: 0 }]);
  });

  it("matches by overlap one to one: two suggestions on one gold tag make one match", () => {
    const suggestions = [suggestion("quote", 21, 30), suggestion("quote", 19, 39)];
    // The second shares all 19 characters with the gold quote, the first 9: the larger overlap wins.
    expect(matchOverlap([GOLD[1]!], suggestions)).toEqual([{ gold: 0, suggestion: 1 }]);
  });

  it("lets one long suggestion over two gold tags match only one of them", () => {
    const golds = [gold("a", "actor", 0, 4), gold("b", "actor", 5, 14)];
    expect(matchOverlap(golds, [suggestion("actor", 0, 14)])).toEqual([{ gold: 1, suggestion: 0 }]);
  });

  it("breaks ties of shared characters by the closest edges", () => {
    const golds = [gold("a", "figure", 10, 20)];
    const suggestions = [suggestion("figure", 0, 30), suggestion("figure", 8, 22)];
    expect(matchOverlap(golds, suggestions)).toEqual([{ gold: 0, suggestion: 1 }]);
  });

  it("gives each suggestion to the gold tag it shares most with, leaving the other for another suggestion", () => {
    const golds = [gold("a", "actor", 0, 10), gold("b", "actor", 12, 20)];
    const suggestions = [suggestion("actor", 8, 20), suggestion("actor", 0, 9)];
    expect(matchOverlap(golds, suggestions)).toEqual([
      { gold: 0, suggestion: 1 },
      { gold: 1, suggestion: 0 },
    ]);
  });

  it("never matches across labels or spans that only touch", () => {
    expect(matchOverlap([GOLD[0]!], [suggestion("quote", 0, 14), suggestion("actor", 14, 19)])).toEqual([]);
  });
});

describe("countArticle", () => {
  it("counts a perfect answer as perfect, links and attributes included", () => {
    const suggestions = [
      suggestion("actor", 0, 14, {}, "lind"),
      suggestion("quote", 20, 39, { speakerKey: "lind", direct: true }),
      suggestion("actor", 44, 50),
      suggestion("figure", 56, 68, { value: 3000, unit: "People", approximate: false }),
    ];
    const counts = countArticle(GOLD, suggestions, LABELS);
    expect(counts.get("actor")).toMatchObject({ gold: 2, suggested: 2, exact: 2, overlap: 2 });
    expect(counts.get("quote")).toMatchObject({ exact: 1, links: 1, linksCorrect: 1, linksSameActor: 1, directs: 1, directsCorrect: 1 });
    expect(counts.get("figure")).toMatchObject({ figures: 1, valuesCorrect: 1, unitsCorrect: 1, approximatesCorrect: 1 });
    expect(counts.get("claim")).toMatchObject({ gold: 0, suggested: 0 });
  });

  it("counts an empty answer as all missed", () => {
    const counts = countArticle(GOLD, [], LABELS);
    expect(counts.get("actor")).toMatchObject({ gold: 2, suggested: 0, exact: 0, overlap: 0 });
    expect(counts.get("quote")).toMatchObject({ links: 0, directs: 0 });
  });

  it("counts a partial overlap for overlap only, and judges figure attributes only on exact matches", () => {
    const suggestions = [
      suggestion("quote", 21, 38, { speakerKey: "nobody", direct: false }),
      suggestion("figure", 56, 61, { value: 3000 }),
    ];
    const counts = countArticle(GOLD, suggestions, LABELS);
    expect(counts.get("quote")).toMatchObject({ exact: 0, overlap: 1, links: 1, linksCorrect: 0, directs: 1, directsCorrect: 0 });
    expect(counts.get("figure")).toMatchObject({ exact: 0, overlap: 1, figures: 0 });
  });

  it("accepts a link to another mention of the speaker as the same actor, not as the gold link", () => {
    const golds = [...GOLD, gold("actor-5", "actor", 60, 68, { actor: "lind" })];
    const suggestions = [suggestion("actor", 60, 68, {}, "later"), suggestion("quote", 20, 39, { speakerKey: "later", direct: true })];
    expect(countArticle(golds, suggestions, ["quote"]).get("quote")).toMatchObject({ links: 1, linksCorrect: 0, linksSameActor: 1 });
  });

  it("follows a link to one of the article's existing actor tags given in the context", () => {
    const suggestions = [suggestion("quote", 20, 39, { speakerKey: "tag-9", direct: true })];
    const context = { actorTags: [{ id: "tag-9", start: 5, end: 14 }] };
    expect(countArticle(GOLD, suggestions, ["quote"], context).get("quote")).toMatchObject({ linksCorrect: 1 });
    expect(countArticle(GOLD, suggestions, ["quote"]).get("quote")).toMatchObject({ linksCorrect: 0 });
  });

  it("follows a link to another suggester's answer on the same text when given as link targets", () => {
    const suggestions = [suggestion("quote", 20, 39, { speakerKey: "actor:0", direct: true })];
    const targets = [suggestion("actor", 0, 14, {}, "actor:0")];
    expect(countArticle(GOLD, suggestions, ["quote"], {}, targets).get("quote")).toMatchObject({ linksCorrect: 1, linksSameActor: 1 });
    // Its own answer wins over a target with the same key.
    const own = [...suggestions, suggestion("actor", 44, 50, {}, "actor:0")];
    expect(countArticle(GOLD, own, ["quote"], {}, targets).get("quote")).toMatchObject({ linksCorrect: 0 });
  });

  it("judges a figure's value with tolerance for rounding noise, its unit as words and a missing approximate as false", () => {
    const golds = [gold("f", "figure", 0, 4, { value: 0.3, unit: "million euros", approximate: false })];
    const right = countArticle(golds, [suggestion("figure", 0, 4, { value: 0.1 + 0.2, unit: " Million  euros" })], ["figure"]);
    expect(right.get("figure")).toMatchObject({ figures: 1, valuesCorrect: 1, unitsCorrect: 1, approximatesCorrect: 1 });
    const wrong = countArticle(golds, [suggestion("figure", 0, 4, { value: null, unit: null, approximate: true })], ["figure"]);
    expect(wrong.get("figure")).toMatchObject({ figures: 1, valuesCorrect: 0, unitsCorrect: 0, approximatesCorrect: 0 });
  });
});

describe("evaluateSuggester", () => {
  const article = { id: "a", text: TEXT, tags: GOLD };

  it("pools counts over articles and reports per label and in all", () => {
    const figures: Suggester = {
      name: "test:figures",
      version: "1",
      labels: ["figure"],
      suggest: (text) =>
        [...text.matchAll(/\d[\d,]* people/g)].map((match, index) =>
          suggestion("figure", match.index, match.index + match[0].length, { value: 3000, unit: "people" }, `f${index}`),
        ),
    };
    const report = evaluateSuggester(figures, [article, article]);
    expect(report.labels.map((row) => row.label)).toEqual(["figure"]);
    expect(report.labels[0]).toMatchObject({
      gold: 2,
      suggested: 2,
      exact: { precision: 1, recall: 1, f1: 1 },
      valueAccuracy: 1,
      approximateAccuracy: 1,
    });
    expect(report.all).toMatchObject({ gold: 2, suggested: 2 });
  });

  it("adds labels a suggester answers beyond those it declares, and reports bad offsets and failures without stopping", () => {
    let calls = 0;
    const sloppy: Suggester = {
      name: "test:sloppy",
      version: "1",
      labels: ["actor"],
      suggest: () => {
        if (calls++ === 0) throw new Error("boom");
        return [{ ...suggestion("claim", 0, 4), text: "wrong" }];
      },
    };
    const report = evaluateSuggester(sloppy, [article, article]);
    expect(report.failures).toEqual([{ article: "a", message: "boom" }]);
    expect(report.badOffsets).toBe(1);
    expect(report.labels.map((row) => row.label)).toEqual(["actor", "claim"]);
    expect(report.labels[0]).toMatchObject({ gold: 4, suggested: 0, exact: { recall: 0, f1: 0 } });
  });

  it("gives the gold actors as existing actor tags only when asked", () => {
    const seen: number[] = [];
    const spy: Suggester = {
      name: "test:spy",
      version: "1",
      labels: ["quote"],
      suggest: (_text, context) => (seen.push(context?.actorTags?.length ?? 0), []),
    };
    evaluateSuggester(spy, [article]);
    evaluateSuggester(spy, [article], { goldActors: true });
    expect(seen).toEqual([0, 2]);
  });
});
