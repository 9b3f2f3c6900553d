/**
 * How good a suggester is against each annotator (the Agreement page's "Suggesters vs annotators"): for each
 * suggester (name@version) and each annotator, precision, recall and F1 per label, exact and overlap, with the
 * annotator's tags as the reference. The matching is the suggestion evaluation's (lib/suggestions/evaluation.ts:
 * exact on identical label and offsets; overlap one to one, greedy by characters shared), so that a figure
 * here means what the gold-set evaluation's does.
 *
 * - Which articles: those both cover, i.e. where the annotator is among the article's annotators (a tag, or
 *   their work marked done) and the suggester has suggestions (the shared set; an article where it found
 *   nothing cannot be told from one where it never ran, so it is not counted).
 * - Which suggestions: every shared, current one still on its words, accepted or dismissed alike: what the
 *   machine proposed, whatever people made of it. An accepted one is also the accepting annotator's tag, so
 *   acceptance raises that annotator's figures: read them as agreement, not as independent quality.
 * - Pooled like agreement.ts: counts summed over articles, divided once.
 */
import { matchExact, matchOverlap, score, type GoldSpan, type Score } from "@/lib/suggestions/evaluation";
import type { Suggestion } from "@/lib/suggestions/suggester";
import { type Label, LABELS } from "@/lib/vocabulary";
import type { AgreementArticle } from "./agreement";

/** A suggestion, its offsets in UTF-16 code units like the article's tags. */
export type AgreementSuggestion = { id: string; suggester: string; version: string; label: Label; start: number; end: number };

export type SuggesterArticle = AgreementArticle & { suggestions: AgreementSuggestion[] };

type Counts = { reference: number; suggested: number; exact: number; overlap: number };

export type SuggesterLabelScores = { reference: number; suggested: number; exact: Score; overlap: Score };

export type SuggesterVsAnnotator = {
  /** "<suggester>@<version>". */
  model: string;
  annotator: string;
  articles: number;
  all: SuggesterLabelScores;
  labels: Partial<Record<Label, SuggesterLabelScores>>;
};

const emptyCounts = (): Counts => ({ reference: 0, suggested: 0, exact: 0, overlap: 0 });

function scoresOf(counts: Counts): SuggesterLabelScores {
  return {
    reference: counts.reference,
    suggested: counts.suggested,
    exact: score(counts.exact, counts.reference, counts.suggested),
    overlap: score(counts.overlap, counts.reference, counts.suggested),
  };
}

type Entry = { articles: number; labels: Map<Label, Counts> };

export class SuggesterAgreementAccumulator {
  private readonly entries = new Map<string, Entry>();
  private readonly labels: readonly Label[];

  constructor(labels?: readonly Label[]) {
    this.labels = labels ?? LABELS;
  }

  add(article: SuggesterArticle): void {
    const byModel = new Map<string, Suggestion[]>();
    for (const suggestion of article.suggestions) {
      const model = `${suggestion.suggester}@${suggestion.version}`;
      const list = byModel.get(model) ?? [];
      if (!byModel.has(model)) byModel.set(model, list);
      if (!this.labels.includes(suggestion.label)) continue;
      list.push({
        key: suggestion.id,
        label: suggestion.label,
        start: suggestion.start,
        end: suggestion.end,
        text: "",
        score: 0,
        attributes: {},
      });
    }
    for (const annotator of article.annotators) {
      const reference: GoldSpan[] = article.tags
        .filter((tag) => tag.annotators.includes(annotator) && this.labels.includes(tag.label))
        .map((tag) => ({ id: tag.id, label: tag.label, start: tag.start, end: tag.end, attributes: {} }));
      for (const [model, suggestions] of byModel) {
        const key = JSON.stringify([model, annotator]);
        let entry = this.entries.get(key);
        if (!entry) this.entries.set(key, (entry = { articles: 0, labels: new Map() }));
        entry.articles++;
        for (const label of this.labels) {
          const gold = reference.filter((tag) => tag.label === label);
          const proposed = suggestions.filter((suggestion) => suggestion.label === label);
          if (!gold.length && !proposed.length) continue;
          const counts = entry.labels.get(label) ?? emptyCounts();
          entry.labels.set(label, counts);
          counts.reference += gold.length;
          counts.suggested += proposed.length;
          counts.exact += matchExact(gold, proposed).length;
          counts.overlap += matchOverlap(gold, proposed).length;
        }
      }
    }
  }

  /** One row per suggester and annotator, by model then annotator id. */
  result(): SuggesterVsAnnotator[] {
    const rows: SuggesterVsAnnotator[] = [];
    for (const [key, entry] of this.entries) {
      const [model, annotator] = JSON.parse(key) as [string, string];
      const all = emptyCounts();
      const labels: SuggesterVsAnnotator["labels"] = {};
      for (const [label, counts] of entry.labels) {
        labels[label] = scoresOf(counts);
        for (const field of Object.keys(all) as (keyof Counts)[]) all[field] += counts[field];
      }
      rows.push({ model, annotator, articles: entry.articles, all: scoresOf(all), labels });
    }
    return rows.sort((a, b) =>
      a.model < b.model ? -1 : a.model > b.model ? 1 : a.annotator < b.annotator ? -1 : a.annotator > b.annotator ? 1 : 0,
    );
  }
}
