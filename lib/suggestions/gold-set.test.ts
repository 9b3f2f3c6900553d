/**
 * The gold set keeps its own rules (bench/gold/guidelines.md): what the markup parser cannot see alone, across
 * every article. A broken article fails here before it skews a measurement.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { GUIDELINES_PATH, loadGoldSet } from "@/bench/gold/load";
import { countWords, isCanonical } from "@/lib/articles/canonical-text";
import { evaluateSuggester } from "./evaluation";
import type { GoldTag } from "./gold-markup";
import type { Suggester } from "./suggester";

const articles = loadGoldSet();
const allTags = articles.flatMap((article) => article.tags);

// Which labels may share characters (guidelines, general rule 4): actors and figures inside quotes and claims.
const MAY_OVERLAP = new Set(["actor/quote", "actor/claim", "figure/quote", "figure/claim"]);
const overlapping = (a: GoldTag, b: GoldTag) => Math.max(a.start, b.start) < Math.min(a.end, b.end);
const WORD = /[\p{L}\p{N}]/u;

describe("the gold set", () => {
  it("has at least 10 articles of 500 to 1,200 words and 300 tags of every label", () => {
    expect(articles.length).toBeGreaterThanOrEqual(10);
    for (const article of articles) expect(countWords(article.text), article.id).toBeGreaterThanOrEqual(500);
    for (const article of articles) expect(countWords(article.text), article.id).toBeLessThanOrEqual(1200);
    expect(allTags.length).toBeGreaterThanOrEqual(300);
    for (const label of ["actor", "figure", "quote", "claim"])
      expect(allTags.filter((tag) => tag.label === label).length, label).toBeGreaterThan(15);
    expect(fs.readFileSync(GUIDELINES_PATH, "utf8")).toContain("## Claim");
  });

  it("has canonical texts, typographic traps and tags whose offsets give their words in both units", () => {
    for (const article of articles) {
      expect(isCanonical(article.text), article.id).toBe(true);
      const codePoints = [...article.text];
      for (const tag of article.tags) {
        expect(article.text.slice(tag.start, tag.end)).toBe(tag.text);
        expect(codePoints.slice(tag.startCodePoint, tag.endCodePoint).join("")).toBe(tag.text);
      }
    }
    const everything = articles.map((article) => article.text).join("\n");
    for (const trap of ["“", "”", "’", "—", "ọ̀", "Ł", "ễ"]) expect(everything).toContain(trap);
    expect(everything).toMatch(/\p{Extended_Pictographic}/u);
    // Emoji shift code points against UTF-16: some tag after one must show it.
    expect(allTags.some((tag) => tag.start !== tag.startCodePoint)).toBe(true);
  });

  it("keeps the span rules: whole words, direct quotes inside their marks, no overlaps the guidelines forbid", () => {
    for (const article of articles) {
      const where = (tag: GoldTag) => `${article.id} ${tag.id} ${JSON.stringify(tag.text)}`;
      for (const tag of article.tags) {
        expect(tag.text, where(tag)).toBe(tag.text.trim());
        expect(WORD.test(article.text[tag.start - 1] ?? " ") && WORD.test(tag.text[0]!), where(tag)).toBe(false);
        expect(WORD.test(article.text[tag.end] ?? " ") && WORD.test(tag.text.at(-1)!), where(tag)).toBe(false);
        if (tag.label === "quote" && tag.attributes.direct) expect(tag.text, where(tag)).toMatch(/^[“‘"][\s\S]*[”’"]$/u);
        if (tag.label === "quote" && !tag.attributes.direct) expect(tag.text, where(tag)).not.toMatch(/^that /);
        if (tag.label === "actor") expect(tag.text, where(tag)).not.toMatch(/^(the|a|an) |’s$|'s$/i);
        if (tag.label !== "quote") expect(tag.text, where(tag)).not.toMatch(/[.,;:]$/u);
      }
      for (const [index, a] of article.tags.entries())
        for (const b of article.tags.slice(index + 1))
          if (overlapping(a, b)) {
            const pair = `${a.label}/${b.label}`;
            const allowed = MAY_OVERLAP.has(pair) || MAY_OVERLAP.has(`${b.label}/${a.label}`);
            expect(allowed, `${where(a)} overlaps ${where(b)}`).toBe(true);
            // Inside means inside: an actor or figure never sticks out of its quote or claim.
            const [inner, outer] = a.label === "actor" || a.label === "figure" ? [a, b] : [b, a];
            expect(outer.start <= inner.start && inner.end <= outer.end, `${where(a)} crosses ${where(b)}`).toBe(true);
          }
    }
  });

  it("links every quote to a speaker and every linked claim to a source among the article's actor tags", () => {
    for (const article of articles) {
      const byId = new Map(article.tags.map((tag) => [tag.id, tag]));
      for (const tag of article.tags) {
        const link = tag.label === "quote" ? tag.attributes.speakerId : tag.attributes.sourceId;
        if (tag.label === "quote") expect(link, `${article.id} ${tag.id}`).toBeDefined();
        if (link) expect(byId.get(link)?.label).toBe("actor");
        if (tag.label === "figure") expect(tag.attributes).toHaveProperty("value");
      }
      const used = new Set(article.tags.map((tag) => tag.attributes.actor).filter(Boolean));
      for (const actor of article.actors) expect(used.has(actor.key), `${article.id}: actor ${actor.key} is never tagged`).toBe(true);
    }
  });

  it("scores a suggester that answers the gold figures as perfect, and one that answers nothing as all missed", () => {
    const texts = new Map(articles.map((article) => [article.text, article]));
    const oracle: Suggester = {
      name: "test:oracle",
      version: "1",
      labels: ["figure"],
      suggest: (text) =>
        texts
          .get(text)!
          .tags.filter((tag) => tag.label === "figure")
          .map((tag) => ({
            key: tag.id,
            label: tag.label,
            start: tag.start,
            end: tag.end,
            text: tag.text,
            score: 1,
            attributes: tag.attributes,
          })),
    };
    const [figures] = evaluateSuggester(oracle, articles).labels;
    expect(figures).toMatchObject({ exact: { f1: 1 }, overlap: { f1: 1 }, valueAccuracy: 1, unitAccuracy: 1, approximateAccuracy: 1 });
    const silent = evaluateSuggester({ ...oracle, name: "test:silent", suggest: () => [] }, articles);
    expect(silent.labels[0]).toMatchObject({ exact: { recall: 0, f1: 0, precision: null } });
  });
});
