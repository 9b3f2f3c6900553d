/**
 * Inter-annotator agreement for every pair of annotators, pooled over a stream of articles. Between
 * articles only counts are kept (a token confusion matrix and span-match totals per pair), so memory grows
 * with the number of pairs, not of articles.
 *
 * Definitions (offsets are UTF-16 code units of the article's text, end exclusive):
 * - Who is compared: on each article, every pair of distinct users in its `annotators` (the users who made
 *   a tag on it or marked their work on it done). An article a user did not annotate counts in none of
 *   that user's pairs. A tag counts as a tag of each user in its `annotators` (a merged "gold" tag lists
 *   several); tags whose label is outside the label set are ignored; two tags of one user with the same
 *   span and label count as two tags.
 * - Tokens: `tokenize(text)` (lib/text/tokens.ts). A tag covers a token when they overlap
 *   (token.start < tag.end && token.end > tag.start).
 * - Per-label kappa (Cohen): each token is a yes/no item for each annotator: does one of their tags of
 *   that label cover it.
 * - Overall kappa (Cohen): each token's category for an annotator is the label of the shortest
 *   (end − start) of their tags covering it (ties: earlier in LABELS), or "none" when none covers it.
 * - Kappa = (po − pe) / (1 − pe), where po is the share of tokens on which both give the same category and
 *   pe = Σ_c pA(c)·pB(c), each annotator's own share of tokens in category c; null when pe = 1 (both used
 *   one and the same category throughout) or there are no tokens.
 * - Krippendorff's alpha (nominal), overall only, on the overall categories: two coders, every token a
 *   unit with both values. The coincidence matrix counts each token with values (x, y) once as o_xy and
 *   once as o_yx; n_c = Σ_k o_ck; n = 2 × tokens; alpha = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k;
 *   null when the denominator is 0 (a single category throughout).
 * - Exact span F1: A's tags and B's tags matched one to one on identical (label, start, end);
 *   F1 = 2·matches / (|A| + |B|); null when neither has a tag.
 * - Overlap span F1: one-to-one matching of same-label tags that overlap (share at least one code unit):
 *   identical tags first, then the remaining overlapping pairs greedily, largest overlap first (ties: the
 *   pair whose earlier start is earlier, then whose later start is earlier, then by their ends);
 *   F1 = 2·matches / (|A| + |B|); null when neither has a tag.
 * - Per label: the same, restricted to that label's tags.
 * - Pooled: token counts, matches and tag counts are summed over every article both annotated, then
 *   divided once (a long article weighs more than a short one; nothing is averaged per article).
 */
import { type Label, LABELS } from "@/lib/vocabulary";
import { matchSameLabel } from "@/lib/review/span-matching";
import { computeLayer, indexTokens, type LayerTag, type TokenLayer } from "@/lib/review/token-layers";
import { cohenKappa, krippendorffAlpha, spanF1 } from "@/lib/review/coefficients";

/** A tag, its offsets in UTF-16 code units of the article's text, end exclusive. */
export type AgreementTag = { id: string; label: Label; start: number; end: number; annotators: string[] };
/** `annotators`: the users who annotated this article (made a tag on it or marked their work on it done); only they are compared on it. */
export type AgreementArticle = { id: string; text: string; annotators: string[]; tags: AgreementTag[] };

export type LabelAgreement = { kappa: number | null; f1Exact: number | null; f1Overlap: number | null };
export type PairAgreement = {
  /** User ids, a < b in string order. */
  a: string;
  b: string;
  /** Articles both annotated. */
  articles: number;
  /** Tokens compared, summed over those articles. */
  tokens: number;
  kappa: number | null;
  alpha: number | null;
  f1Exact: number | null;
  f1Overlap: number | null;
  /** One entry per label in the label set. */
  perLabel: Record<string, LabelAgreement>;
};

type PairCounts = {
  a: string;
  b: string;
  articles: number;
  tokens: number;
  /** Overall categories, a's category × (labels + 1) + b's. */
  confusion: Float64Array;
  /** Label masks, a's mask × 2^labels + b's: every per-label 2 × 2 table can be read from it. */
  joint: Float64Array;
  /** Per label: exact matches, all overlap matches (exact included), a's tags, b's tags. */
  exact: Float64Array;
  overlap: Float64Array;
  sizeA: Float64Array;
  sizeB: Float64Array;
};

const compareIds = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

export class AgreementAccumulator {
  private readonly labels: Label[];
  private readonly labelIndex: Map<string, number>;
  private readonly pairs = new Map<string, PairCounts>();

  constructor(labels: readonly Label[] = LABELS) {
    // Label indices follow LABELS whatever order the caller gives, since ties go to the earlier label.
    this.labels = LABELS.filter((label) => labels.includes(label));
    this.labelIndex = new Map(this.labels.map((label, index) => [label, index]));
  }

  add(article: AgreementArticle): void {
    const users = [...new Set(article.annotators)].sort(compareIds);
    if (users.length < 2) return;
    const userIndex = new Map(users.map((user, index) => [user, index]));
    const tagsOf: AgreementTag[][] = users.map(() => []);
    const layerTagsOf: LayerTag[][] = users.map(() => []);
    for (const tag of article.tags) {
      const label = this.labelIndex.get(tag.label);
      if (label === undefined) continue;
      const layerTag = { start: tag.start, end: tag.end, label };
      for (const annotator of tag.annotators) {
        const index = userIndex.get(annotator);
        // Users who did not annotate the article are not compared on it; a name listed twice counts once.
        if (index === undefined || tagsOf[index]!.at(-1) === tag) continue;
        tagsOf[index]!.push(tag);
        layerTagsOf[index]!.push(layerTag);
      }
    }
    const tokens = indexTokens(article.text);
    const layers = layerTagsOf.map((tags) => computeLayer(tokens, tags));
    for (let i = 0; i < users.length; i++) {
      for (let j = i + 1; j < users.length; j++) {
        const counts = this.countsFor(users[i]!, users[j]!);
        counts.articles += 1;
        counts.tokens += tokens.count;
        this.addTokens(counts, layers[i]!, layers[j]!);
        this.addSpans(counts, tagsOf[i]!, tagsOf[j]!);
      }
    }
  }

  result(): PairAgreement[] {
    return [...this.pairs.values()].sort((x, y) => compareIds(x.a, y.a) || compareIds(x.b, y.b)).map((counts) => this.summarize(counts));
  }

  private countsFor(a: string, b: string): PairCounts {
    const key = `${a}\u0000${b}`;
    let counts = this.pairs.get(key);
    if (!counts) {
      const labels = this.labels.length;
      const categories = labels + 1;
      counts = {
        a,
        b,
        articles: 0,
        tokens: 0,
        confusion: new Float64Array(categories * categories),
        joint: new Float64Array(1 << (2 * labels)),
        exact: new Float64Array(labels),
        overlap: new Float64Array(labels),
        sizeA: new Float64Array(labels),
        sizeB: new Float64Array(labels),
      };
      this.pairs.set(key, counts);
    }
    return counts;
  }

  private addTokens(counts: PairCounts, a: TokenLayer, b: TokenLayer): void {
    const categories = this.labels.length + 1;
    const masks = 1 << this.labels.length;
    const { confusion, joint } = counts;
    for (let token = 0; token < a.category.length; token++) {
      confusion[a.category[token]! * categories + b.category[token]!]! += 1;
      joint[a.mask[token]! * masks + b.mask[token]!]! += 1;
    }
  }

  private addSpans(counts: PairCounts, a: AgreementTag[], b: AgreementTag[]): void {
    for (const tag of a) counts.sizeA[this.labelIndex.get(tag.label)!]! += 1;
    for (const tag of b) counts.sizeB[this.labelIndex.get(tag.label)!]! += 1;
    const { exact, overlap } = matchSameLabel(a, b);
    for (const pair of exact) {
      const label = this.labelIndex.get(a[pair.a]!.label)!;
      counts.exact[label]! += 1;
      counts.overlap[label]! += 1;
    }
    for (const pair of overlap) counts.overlap[this.labelIndex.get(a[pair.a]!.label)!]! += 1;
  }

  private summarize(counts: PairCounts): PairAgreement {
    const labels = this.labels.length;
    const masks = 1 << labels;
    const perLabel: Record<string, LabelAgreement> = {};
    this.labels.forEach((label, index) => {
      // The 2 × 2 table of this label (not covered = 0, covered = 1), folded out of the joint mask counts.
      const table = new Float64Array(4);
      for (let maskA = 0; maskA < masks; maskA++) {
        for (let maskB = 0; maskB < masks; maskB++)
          table[((maskA >> index) & 1) * 2 + ((maskB >> index) & 1)]! += counts.joint[maskA * masks + maskB]!;
      }
      const sizes = counts.sizeA[index]! + counts.sizeB[index]!;
      perLabel[label] = {
        kappa: cohenKappa(table, 2),
        f1Exact: spanF1(counts.exact[index]!, sizes),
        f1Overlap: spanF1(counts.overlap[index]!, sizes),
      };
    });
    const sum = (values: Float64Array) => values.reduce((total, value) => total + value, 0);
    const sizes = sum(counts.sizeA) + sum(counts.sizeB);
    return {
      a: counts.a,
      b: counts.b,
      articles: counts.articles,
      tokens: counts.tokens,
      kappa: cohenKappa(counts.confusion, labels + 1),
      alpha: krippendorffAlpha(counts.confusion, labels + 1),
      f1Exact: spanF1(sum(counts.exact), sizes),
      f1Overlap: spanF1(sum(counts.overlap), sizes),
      perLabel,
    };
  }
}
