/**
 * Where two annotators disagree on one article, for the review screen. The pairing is the one the
 * agreement figures count (span-matching.ts), so an article's list and its overlap F1 tell the same story:
 * overlap matches = identical tags (not listed) + same-label "boundary" entries.
 *
 * In order, each step pairing only tags the previous steps left:
 * 1. identical (label, start, end): agreement, not listed;
 * 2. same label, overlapping, different boundaries, by the overlap F1's matching: "boundary";
 * 3. same span, different label: "label" (label = a's);
 * 4. overlapping, different label and span, largest overlap first: "boundary" (label = a's);
 * 5. the rest: "only_a" / "only_b".
 * Sorted by the earliest start of the tags involved, then kind (in the order of the type), then tag ids.
 * Tags are those listing `a` (or `b`) among their annotators, whether or not the article lists them as
 * annotators; a tag listing both (a merged gold tag) is identical to itself and never listed.
 */
import { type Label, LABELS } from "@/lib/vocabulary";
import type { AgreementArticle, AgreementTag } from "@/lib/review/agreement";
import { matchSameLabel, pairIdentical, pairOverlapping, type SpanPair } from "@/lib/review/span-matching";

export type Disagreement = {
  kind: "only_a" | "only_b" | "label" | "boundary";
  articleId: string;
  label: Label;
  a?: AgreementTag;
  b?: AgreementTag;
};

const KIND_ORDER: Record<Disagreement["kind"], number> = { only_a: 0, only_b: 1, label: 2, boundary: 3 };

function earliestStart(disagreement: Disagreement): number {
  return Math.min(disagreement.a?.start ?? Infinity, disagreement.b?.start ?? Infinity);
}

function compareDisagreements(x: Disagreement, y: Disagreement): number {
  const ids = (d: Disagreement) => `${d.a?.id ?? ""}\u0000${d.b?.id ?? ""}`;
  const [idsX, idsY] = [ids(x), ids(y)];
  return earliestStart(x) - earliestStart(y) || KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || (idsX < idsY ? -1 : idsX > idsY ? 1 : 0);
}

export function findDisagreements(article: AgreementArticle, a: string, b: string, labels: readonly Label[] = LABELS): Disagreement[] {
  const kept = (user: string) => article.tags.filter((tag) => labels.includes(tag.label) && tag.annotators.includes(user));
  const tagsA = kept(a);
  const tagsB = kept(b);
  const disagreements: Disagreement[] = [];
  const list = (kind: "label" | "boundary", pairs: SpanPair[]) => {
    for (const pair of pairs) {
      const tagA = tagsA[pair.a]!;
      disagreements.push({ kind, articleId: article.id, label: tagA.label, a: tagA, b: tagsB[pair.b]! });
    }
  };

  const { overlap, used } = matchSameLabel(tagsA, tagsB);
  list("boundary", overlap);
  list("label", pairIdentical(tagsA, tagsB, used, false));
  list("boundary", pairOverlapping(tagsA, tagsB, used));
  tagsA.forEach((tag, index) => {
    if (!used.a[index]) disagreements.push({ kind: "only_a", articleId: article.id, label: tag.label, a: tag });
  });
  tagsB.forEach((tag, index) => {
    if (!used.b[index]) disagreements.push({ kind: "only_b", articleId: article.id, label: tag.label, b: tag });
  });
  return disagreements.sort(compareDisagreements);
}
