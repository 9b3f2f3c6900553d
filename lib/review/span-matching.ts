/**
 * One-to-one matching of two annotators' tags, shared by the agreement figures (agreement.ts) and the list
 * of disagreements (disagreements.ts), so that what the matrix counts and what the review lists agree.
 *
 * Matching is greedy and deterministic: identical spans first, then overlapping pairs, largest overlap
 * first. Ties are broken by keys that do not depend on which annotator is "a" (the earlier of the pair's
 * two starts, then the later one, then the earlier and the later end), so swapping the annotators matches
 * the same number of tags. Two spans overlap when they share at least one code unit.
 */
import { type Label, LABELS } from "@/lib/vocabulary";

export type Span = { label: Label; start: number; end: number };
/** Indices into the two lists given to a matching function. */
export type SpanPair = { a: number; b: number };
/** Which tags of each side a matching has already paired; later matchings skip them. */
export type UsedSpans = { a: Uint8Array; b: Uint8Array };

const LABEL_RANK = new Map<string, number>(LABELS.map((label, index) => [label, index]));
const rank = (label: Label) => LABEL_RANK.get(label) ?? LABELS.length;

export function overlapLength(x: Span, y: Span): number {
  return Math.min(x.end, y.end) - Math.max(x.start, y.start);
}

export function createUsed(a: readonly Span[], b: readonly Span[]): UsedSpans {
  return { a: new Uint8Array(a.length), b: new Uint8Array(b.length) };
}

function compareSpans(x: Span, y: Span): number {
  return x.start - y.start || x.end - y.end || rank(x.label) - rank(y.label);
}

function unusedSorted(spans: readonly Span[], used: Uint8Array): number[] {
  const indices: number[] = [];
  for (let index = 0; index < spans.length; index++) if (!used[index]) indices.push(index);
  return indices.sort((i, j) => compareSpans(spans[i]!, spans[j]!) || i - j);
}

/**
 * Pairs unused tags with identical spans (and identical labels when `sameLabel`), one to one: within a
 * group of equal spans, in label order then input order. Marks the pairs used.
 */
export function pairIdentical(a: readonly Span[], b: readonly Span[], used: UsedSpans, sameLabel: boolean): SpanPair[] {
  const left = unusedSorted(a, used.a);
  const right = unusedSorted(b, used.b);
  const compare = (x: Span, y: Span) => x.start - y.start || x.end - y.end || (sameLabel ? rank(x.label) - rank(y.label) : 0);
  const pairs: SpanPair[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const order = compare(a[left[i]!]!, b[right[j]!]!);
    if (order < 0) i++;
    else if (order > 0) j++;
    else {
      const pair = { a: left[i++]!, b: right[j++]! };
      used.a[pair.a] = 1;
      used.b[pair.b] = 1;
      pairs.push(pair);
    }
  }
  return pairs;
}

type Candidate = SpanPair & { overlap: number; firstStart: number; lastStart: number; firstEnd: number; lastEnd: number };

function compareCandidates(x: Candidate, y: Candidate): number {
  return (
    y.overlap - x.overlap ||
    x.firstStart - y.firstStart ||
    x.lastStart - y.lastStart ||
    x.firstEnd - y.firstEnd ||
    x.lastEnd - y.lastEnd ||
    x.a - y.a ||
    x.b - y.b
  );
}

/**
 * Every overlapping (unused a, unused b) pair that `accept` allows, found by one sweep over the starts: a
 * tag meets the tags of the other side still open at its start, so the work is the number of overlapping
 * pairs plus a sort, not |a| × |b|.
 */
function overlappingCandidates(
  a: readonly Span[],
  b: readonly Span[],
  used: UsedSpans,
  accept: (x: Span, y: Span) => boolean,
): Candidate[] {
  const events: { side: 0 | 1; index: number; span: Span }[] = [];
  for (const [side, spans, taken] of [
    [0, a, used.a],
    [1, b, used.b],
  ] as const) {
    // An empty span overlaps nothing.
    for (let index = 0; index < spans.length; index++)
      if (!taken[index] && spans[index]!.end > spans[index]!.start) events.push({ side, index, span: spans[index]! });
  }
  events.sort((x, y) => x.span.start - y.span.start || x.side - y.side || x.index - y.index);
  const open: [number[], number[]] = [[], []];
  const candidates: Candidate[] = [];
  for (const { side, index, span } of events) {
    const others = side === 0 ? b : a;
    const active = open[side === 0 ? 1 : 0];
    let kept = 0;
    for (const other of active) {
      const otherSpan = others[other]!;
      // Closed before this start: it overlaps nothing that starts later either.
      if (otherSpan.end <= span.start) continue;
      active[kept++] = other;
      const [x, y, ia, ib] = side === 0 ? [span, otherSpan, index, other] : [otherSpan, span, other, index];
      if (!accept(x, y)) continue;
      candidates.push({
        a: ia,
        b: ib,
        overlap: overlapLength(x, y),
        firstStart: Math.min(x.start, y.start),
        lastStart: Math.max(x.start, y.start),
        firstEnd: Math.min(x.end, y.end),
        lastEnd: Math.max(x.end, y.end),
      });
    }
    active.length = kept;
    open[side].push(index);
  }
  return candidates;
}

/** Pairs unused overlapping tags that `accept` allows, one to one, largest overlap first. Marks them used. */
export function pairOverlapping(
  a: readonly Span[],
  b: readonly Span[],
  used: UsedSpans,
  accept: (x: Span, y: Span) => boolean = () => true,
): SpanPair[] {
  const pairs: SpanPair[] = [];
  for (const candidate of overlappingCandidates(a, b, used, accept).sort(compareCandidates)) {
    if (used.a[candidate.a] || used.b[candidate.b]) continue;
    used.a[candidate.a] = 1;
    used.b[candidate.b] = 1;
    pairs.push({ a: candidate.a, b: candidate.b });
  }
  return pairs;
}

/**
 * The matching behind both span F1s: `exact` pairs identical (label, start, end), `overlap` then pairs
 * remaining same-label tags that overlap. Exact F1 counts `exact`; overlap F1 counts both.
 */
export function matchSameLabel(
  a: readonly Span[],
  b: readonly Span[],
  used: UsedSpans = createUsed(a, b),
): { exact: SpanPair[]; overlap: SpanPair[]; used: UsedSpans } {
  const exact = pairIdentical(a, b, used, true);
  const overlap = pairOverlapping(a, b, used, (x, y) => x.label === y.label);
  return { exact, overlap, used };
}
