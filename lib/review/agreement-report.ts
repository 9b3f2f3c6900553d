/**
 * Agreement between a project's annotators (or on one article), and the disagreements behind a figure:
 * the pure measures of agreement.ts and disagreements.ts over the project's articles, read a batch at a
 * time (data.ts), with users named for people and scripts.
 */
import "server-only";
import type { ProjectAccess } from "@/lib/auth/context";
import type { Label } from "@/lib/vocabulary";
import { AgreementAccumulator, type PairAgreement } from "./agreement";
import { listArticleTitles, listPeople, readAgreementArticles, readSuggesterArticles } from "./data";
import { SuggesterAgreementAccumulator } from "./suggester-agreement";
import { findDisagreements, type Disagreement } from "./disagreements";

export type AgreementOptions = { articleId?: string; labels?: readonly Label[] };
type Person = { id: string; email: string; name: string | null };

export async function computeAgreement(access: ProjectAccess, options: AgreementOptions = {}) {
  const accumulator = new AgreementAccumulator(options.labels);
  for await (const article of readAgreementArticles(access, { articleId: options.articleId })) accumulator.add(article);
  const pairs = accumulator.result();
  const people = new Map((await listPeople([...new Set(pairs.flatMap((pair) => [pair.a, pair.b]))])).map((person) => [person.id, person]));
  const named = (id: string): Person => people.get(id) ?? { id, email: "", name: null };
  return { pairs: pairs.map((pair: PairAgreement) => ({ ...pair, a: named(pair.a), b: named(pair.b) })) };
}

export type AgreementReport = Awaited<ReturnType<typeof computeAgreement>>;

/** Each suggester against each annotator (suggester-agreement.ts), annotators named. */
export async function compareSuggesters(access: ProjectAccess, options: AgreementOptions = {}) {
  const accumulator = new SuggesterAgreementAccumulator(options.labels);
  for await (const article of readSuggesterArticles(access, { articleId: options.articleId })) accumulator.add(article);
  const rows = accumulator.result();
  const people = new Map((await listPeople([...new Set(rows.map((row) => row.annotator))])).map((person) => [person.id, person]));
  return rows.map((row) => ({ ...row, annotator: people.get(row.annotator) ?? { id: row.annotator, email: "", name: null } }));
}

export type SuggesterComparison = Awaited<ReturnType<typeof compareSuggesters>>;

type Side = { id: string; label: Label; text: string };

/** What a cell of the agreement matrix counts: the pair's disagreements, in article order, the first `limit`. */
export async function listDisagreements(access: ProjectAccess, a: string, b: string, options: AgreementOptions & { limit?: number } = {}) {
  const limit = options.limit ?? 200;
  const items: { articleId: string; kind: Disagreement["kind"]; label: Label; a: Side | null; b: Side | null }[] = [];
  let total = 0;
  for await (const article of readAgreementArticles(access, { articleId: options.articleId })) {
    if (!article.annotators.includes(a) || !article.annotators.includes(b)) continue;
    for (const found of findDisagreements(article, a, b, options.labels)) {
      total++;
      if (items.length >= limit) continue;
      const side = (tag: Disagreement["a"]): Side | null =>
        tag ? { id: tag.id, label: tag.label, text: article.text.slice(tag.start, tag.end) } : null;
      items.push({ articleId: article.id, kind: found.kind, label: found.label, a: side(found.a), b: side(found.b) });
    }
  }
  const titles = new Map((await listArticleTitles([...new Set(items.map((item) => item.articleId))])).map((row) => [row.id, row.title]));
  return { total, items: items.map((item) => ({ ...item, articleTitle: titles.get(item.articleId) ?? "" })) };
}
