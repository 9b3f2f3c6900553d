/**
 * How good a suggester is against hand-made gold (bench/suggestions-eval.ts prints it): precision, recall and
 * F1 per label, pooled over articles (counts are summed first, so that a long article weighs more than a
 * short one), in two ways:
 *
 * - exact: a suggestion matches a gold tag of its label with the same start and end;
 * - overlap: a suggestion matches a gold tag of its label that shares at least one character with it. Each
 *   gold tag and each suggestion is matched at most once, greedily: the pairs sharing the most characters
 *   first, then the pairs whose edges are closest, then in text order. So two suggestions on one gold quote
 *   make one match and one false positive, and one long suggestion over two gold figures matches one of them.
 *
 * On those matches: whether a quote's speaker and a claim's source are right (the suggestion's linked span
 * overlaps the gold link's actor tag; "same actor" also accepts another mention of that actor), whether a
 * quote's `direct` is right, and, on exactly matched figures, value, unit and approximate.
 */
import type { GoldAttributes } from "@/lib/suggestions/gold-markup";
import type { SuggestContext, Suggester, Suggestion } from "@/lib/suggestions/suggester";
import { type Label, LABELS } from "@/lib/vocabulary";

export type GoldSpan = { id: string; label: Label; start: number; end: number; attributes: GoldAttributes };

export type Counts = {
  gold: number;
  suggested: number;
  exact: number;
  overlap: number;
  /** Overlap matches whose gold tag has a speaker or source, and how many of them the suggestion got right. */
  links: number;
  linksCorrect: number;
  linksSameActor: number;
  /** Overlap-matched quotes, and how many have the gold's `direct`. */
  directs: number;
  directsCorrect: number;
  /** Exactly matched figures, and how many have each attribute right. */
  figures: number;
  valuesCorrect: number;
  unitsCorrect: number;
  approximatesCorrect: number;
};

export type Score = { matched: number; precision: number | null; recall: number | null; f1: number | null };

export const emptyCounts = (): Counts => ({
  gold: 0,
  suggested: 0,
  exact: 0,
  overlap: 0,
  links: 0,
  linksCorrect: 0,
  linksSameActor: 0,
  directs: 0,
  directsCorrect: 0,
  figures: 0,
  valuesCorrect: 0,
  unitsCorrect: 0,
  approximatesCorrect: 0,
});

export function addCounts(into: Counts, from: Counts): Counts {
  for (const key of Object.keys(into) as (keyof Counts)[]) into[key] += from[key];
  return into;
}

/**
 * Precision is undefined (null) without suggestions and recall without gold; F1 is then 0 when the other side
 * has something (all missed, or all wrong), and null only when both sides are empty: nothing to measure.
 */
export function score(matched: number, gold: number, suggested: number): Score {
  const precision = suggested ? matched / suggested : null;
  const recall = gold ? matched / gold : null;
  const f1 =
    precision === null && recall === null
      ? null
      : precision === null || recall === null || precision + recall === 0
        ? 0
        : (2 * precision * recall) / (precision + recall);
  return { matched, precision, recall, f1 };
}

export const ratio = (part: number, whole: number): number | null => (whole ? part / whole : null);

type Pair = { gold: number; suggestion: number };

const shared = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  Math.min(a.end, b.end) - Math.max(a.start, b.start);

/** Exact matches of one label's gold tags and suggestions: same start and end, each used once. */
export function matchExact(gold: readonly GoldSpan[], suggestions: readonly Suggestion[]): Pair[] {
  const free = new Map<string, number[]>();
  gold.forEach((tag, index) => {
    const key = `${tag.label}:${tag.start}:${tag.end}`;
    free.set(key, [...(free.get(key) ?? []), index]);
  });
  const pairs: Pair[] = [];
  suggestions.forEach((suggestion, index) => {
    const waiting = free.get(`${suggestion.label}:${suggestion.start}:${suggestion.end}`);
    if (waiting?.length) pairs.push({ gold: waiting.shift()!, suggestion: index });
  });
  return pairs;
}

/** Overlap matches, greedy by characters shared, then by the closeness of the edges (see the header). */
export function matchOverlap(gold: readonly GoldSpan[], suggestions: readonly Suggestion[]): Pair[] {
  const candidates: (Pair & { shared: number; distance: number })[] = [];
  gold.forEach((tag, goldIndex) => {
    suggestions.forEach((suggestion, suggestionIndex) => {
      const common = shared(tag, suggestion);
      if (suggestion.label !== tag.label || common <= 0) return;
      const distance = Math.abs(tag.start - suggestion.start) + Math.abs(tag.end - suggestion.end);
      candidates.push({ gold: goldIndex, suggestion: suggestionIndex, shared: common, distance });
    });
  });
  candidates.sort((a, b) => b.shared - a.shared || a.distance - b.distance || a.gold - b.gold || a.suggestion - b.suggestion);
  const goldUsed = new Set<number>();
  const suggestionUsed = new Set<number>();
  const pairs: Pair[] = [];
  for (const candidate of candidates) {
    if (goldUsed.has(candidate.gold) || suggestionUsed.has(candidate.suggestion)) continue;
    goldUsed.add(candidate.gold);
    suggestionUsed.add(candidate.suggestion);
    pairs.push({ gold: candidate.gold, suggestion: candidate.suggestion });
  }
  return pairs;
}

/**
 * One article's counts per label. `suggestions` is one suggester's whole answer; its links name its own keys,
 * the actor tags of the `context` it was given, or keys of `linkTargets`: other suggesters' answers on the
 * same text (the built-in quotes suggester names the actors suggester's keys).
 */
export function countArticle(
  gold: readonly GoldSpan[],
  suggestions: readonly Suggestion[],
  labels: readonly Label[],
  context: SuggestContext = {},
  linkTargets: readonly Suggestion[] = [],
): Map<Label, Counts> {
  const linked = new Map<string, { start: number; end: number }>();
  for (const target of linkTargets) linked.set(target.key, target);
  for (const tag of context.actorTags ?? []) linked.set(tag.id, tag);
  for (const suggestion of suggestions) linked.set(suggestion.key, suggestion);
  const goldById = new Map(gold.map((tag) => [tag.id, tag]));
  const actorMentions = (actor: string | undefined) => gold.filter((tag) => tag.label === "actor" && tag.attributes.actor === actor);

  const result = new Map<Label, Counts>();
  for (const label of labels) {
    const goldOfLabel = gold.filter((tag) => tag.label === label);
    const suggested = suggestions.filter((suggestion) => suggestion.label === label);
    const counts = emptyCounts();
    counts.gold = goldOfLabel.length;
    counts.suggested = suggested.length;
    const exact = matchExact(goldOfLabel, suggested);
    const overlap = matchOverlap(goldOfLabel, suggested);
    counts.exact = exact.length;
    counts.overlap = overlap.length;

    for (const pair of overlap) {
      const goldTag = goldOfLabel[pair.gold]!;
      const suggestion = suggested[pair.suggestion]!;
      const goldLink = goldTag.attributes.speakerId ?? goldTag.attributes.sourceId;
      if (goldLink) {
        counts.links += 1;
        const key = label === "quote" ? suggestion.attributes.speakerKey : suggestion.attributes.sourceKey;
        const target = key === undefined ? undefined : linked.get(key);
        const goldTarget = goldById.get(goldLink);
        if (target && goldTarget && shared(target, goldTarget) > 0) counts.linksCorrect += 1;
        const actor = goldTag.attributes.speakerActor ?? goldTag.attributes.sourceActor;
        if (target && actorMentions(actor).some((mention) => shared(target, mention) > 0)) counts.linksSameActor += 1;
      }
      if (label === "quote") {
        counts.directs += 1;
        if (suggestion.attributes.direct === goldTag.attributes.direct) counts.directsCorrect += 1;
      }
    }
    if (label === "figure")
      for (const pair of exact) {
        const expected = goldOfLabel[pair.gold]!.attributes;
        const actual = suggested[pair.suggestion]!.attributes;
        counts.figures += 1;
        if (sameValue(expected.value ?? null, actual.value ?? null)) counts.valuesCorrect += 1;
        if (sameUnit(expected.unit ?? null, actual.unit ?? null)) counts.unitsCorrect += 1;
        if ((expected.approximate ?? false) === (actual.approximate ?? false)) counts.approximatesCorrect += 1;
      }
    result.set(label, counts);
  }
  return result;
}

// 0.1 + 0.2 style noise is not a wrong value.
const sameValue = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

// Units are compared as words ("Households" and "households" are one unit); the guidelines fix their form.
const sameUnit = (a: string | null, b: string | null) =>
  a === null || b === null ? a === b : a.trim().replace(/\s+/g, " ").toLowerCase() === b.trim().replace(/\s+/g, " ").toLowerCase();

export type LabelReport = {
  label: Label | "all";
  gold: number;
  suggested: number;
  exact: Score;
  overlap: Score;
  linkAccuracy: number | null;
  linkSameActorAccuracy: number | null;
  directAccuracy: number | null;
  valueAccuracy: number | null;
  unitAccuracy: number | null;
  approximateAccuracy: number | null;
  counts: Counts;
};

export function reportOf(label: Label | "all", counts: Counts): LabelReport {
  return {
    label,
    gold: counts.gold,
    suggested: counts.suggested,
    exact: score(counts.exact, counts.gold, counts.suggested),
    overlap: score(counts.overlap, counts.gold, counts.suggested),
    linkAccuracy: ratio(counts.linksCorrect, counts.links),
    linkSameActorAccuracy: ratio(counts.linksSameActor, counts.links),
    directAccuracy: ratio(counts.directsCorrect, counts.directs),
    valueAccuracy: ratio(counts.valuesCorrect, counts.figures),
    unitAccuracy: ratio(counts.unitsCorrect, counts.figures),
    approximateAccuracy: ratio(counts.approximatesCorrect, counts.figures),
    counts,
  };
}

export type EvaluationArticle = { id: string; text: string; tags: readonly GoldSpan[] };

export type SuggesterReport = {
  suggester: string;
  version: string;
  articles: number;
  labels: LabelReport[];
  all: LabelReport;
  /** Suggestions whose text is not text.slice(start, end), or whose offsets fall outside the text. */
  badOffsets: number;
  /** Articles the suggester threw on: their gold counts as missed. */
  failures: { article: string; message: string }[];
};

export type EvaluationOptions = {
  /** Give the suggester the gold actor tags as the article's existing actors: links measured apart from actor finding. */
  goldActors?: boolean;
  /** Suggestions the suggester's links may name besides its own (see countArticle). */
  linkTargets?: (text: string, context: SuggestContext) => readonly Suggestion[];
};

/** Runs a suggester on every article and pools its counts. */
export function evaluateSuggester(
  suggester: Suggester,
  articles: readonly EvaluationArticle[],
  options: EvaluationOptions = {},
): SuggesterReport {
  const pooled = new Map<Label, Counts>(suggester.labels.map((label) => [label, emptyCounts()]));
  let badOffsets = 0;
  const failures: SuggesterReport["failures"] = [];
  for (const article of articles) {
    const context: SuggestContext = options.goldActors
      ? {
          actorTags: article.tags
            .filter((tag) => tag.label === "actor")
            .map(({ id, start, end, attributes }) => ({ id, start, end, canonicalName: attributes.canonicalName })),
        }
      : {};
    let suggestions: Suggestion[];
    try {
      suggestions = suggester.suggest(article.text, context);
    } catch (error) {
      failures.push({ article: article.id, message: error instanceof Error ? error.message : String(error) });
      suggestions = [];
    }
    badOffsets += suggestions.filter(
      (suggestion) =>
        !(
          suggestion.start >= 0 &&
          suggestion.end <= article.text.length &&
          article.text.slice(suggestion.start, suggestion.end) === suggestion.text
        ),
    ).length;
    const labels = [...new Set([...pooled.keys(), ...suggestions.map((suggestion) => suggestion.label)])];
    const targets = options.linkTargets?.(article.text, context) ?? [];
    for (const [label, counts] of countArticle(article.tags, suggestions, labels, context, targets)) {
      addCounts(pooled.get(label) ?? pooled.set(label, emptyCounts()).get(label)!, counts);
    }
  }
  const ordered = LABELS.filter((label) => pooled.has(label));
  const all = ordered.reduce((sum, label) => addCounts(sum, pooled.get(label)!), emptyCounts());
  return {
    suggester: suggester.name,
    version: suggester.version,
    articles: articles.length,
    labels: ordered.map((label) => reportOf(label, pooled.get(label)!)),
    all: reportOf("all", all),
    badOffsets,
    failures,
  };
}
