/**
 * What each token of an article is, for one annotator, as typed arrays: the token-level agreement
 * measures compare two annotators token by token over thousands of articles, where one object per token
 * or a scan of every tag for every token would be the slow part.
 *
 * - `mask`: bit k set when one of the annotator's tags of label k covers the token (per-label kappa).
 * - `category`: 0 for "none", else 1 + the label index of the shortest covering tag (fewest code units),
 *   ties to the lower label index (overall kappa and alpha). Label indices are the caller's; agreement.ts
 *   numbers its labels in LABEL_ORDER, so ties go to the label earlier there.
 *
 * A tag covers a token when they overlap (token.start < tag.end && token.end > tag.start); its tokens are a
 * contiguous run found by binary search on the token ends and starts. Work per layer is about
 * tokens + tags·log(tags), whatever the tags' lengths and nesting.
 */
import { tokenize } from "@/lib/text/tokens";

export type TokenIndex = { count: number; starts: Int32Array; ends: Int32Array };
export type TokenLayer = { category: Uint8Array; mask: Uint8Array };
export type LayerTag = { start: number; end: number; label: number };

export function indexTokens(text: string): TokenIndex {
  const tokens = tokenize(text);
  const starts = new Int32Array(tokens.length);
  const ends = new Int32Array(tokens.length);
  for (let index = 0; index < tokens.length; index++) {
    starts[index] = tokens[index]!.start;
    ends[index] = tokens[index]!.end;
  }
  return { count: tokens.length, starts, ends };
}

/** The first index whose value is >= `value` (values ascending). */
function lowerBound(values: Int32Array, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The tokens a span covers, as [first, last) token indices (empty when it covers none). */
export function tokenRange(tokens: TokenIndex, start: number, end: number): [number, number] {
  // Tokens do not overlap, so ends ascend like starts: the first covered token is the first ending after
  // `start`, the last one the one before the first starting at or after `end`.
  const first = lowerBound(tokens.ends, start + 1);
  const last = lowerBound(tokens.starts, end);
  return first < last ? [first, last] : [first, first];
}

// Reused between calls (all synchronous): allocating them anew for each of thousands of layers was a
// measurable share of the time.
let scratchNext = new Int32Array(0);
let scratchEvents = new Int32Array(0);

/** One annotator's layer over the tokens, from their tags (labels as indices below 8). */
export function computeLayer(tokens: TokenIndex, tags: readonly LayerTag[]): TokenLayer {
  const count = tokens.count;
  const mask = new Uint8Array(count);
  const category = new Uint8Array(count);
  if (tags.length === 0 || count === 0) return { category, mask };
  const ranges = new Int32Array(tags.length * 2);
  if (scratchEvents.length < tags.length * 2) scratchEvents = new Int32Array(tags.length * 4);
  const events = scratchEvents.subarray(0, tags.length * 2);
  for (let index = 0; index < tags.length; index++) {
    const [first, last] = tokenRange(tokens, tags[index]!.start, tags[index]!.end);
    ranges[index * 2] = first;
    ranges[index * 2 + 1] = last;
    // Packed (token index, label, opens) so that one numeric sort orders the boundaries.
    events[index * 2] = (first << 4) | (tags[index]!.label << 1) | 1;
    events[index * 2 + 1] = (last << 4) | (tags[index]!.label << 1);
  }

  // Masks: between two consecutive boundaries the set of open labels is constant; fill that run at once.
  events.sort();
  const open = new Int32Array(8);
  let current = 0;
  let from = 0;
  for (const event of events) {
    const at = event >> 4;
    if (current !== 0 && at > from) mask.fill(current, from, at);
    from = at;
    const label = (event >> 1) & 7;
    open[label]! += event & 1 ? 1 : -1;
    current = open[label]! > 0 ? current | (1 << label) : current & ~(1 << label);
  }

  // Categories: paint the shortest tags first, each only on tokens still unpainted. `next` skips painted
  // runs (union-find with path halving), so nested long tags cost their unpainted tokens, not their length.
  const order = Array.from(tags.keys()).sort(
    (i, j) => tags[i]!.end - tags[i]!.start - (tags[j]!.end - tags[j]!.start) || tags[i]!.label - tags[j]!.label,
  );
  if (scratchNext.length < count + 1) scratchNext = new Int32Array(2 * (count + 1));
  const next = scratchNext;
  for (let token = 0; token <= count; token++) next[token] = token;
  const find = (token: number) => {
    while (next[token] !== token) {
      next[token] = next[next[token]!]!;
      token = next[token]!;
    }
    return token;
  };
  for (const index of order) {
    const last = ranges[index * 2 + 1]!;
    const value = tags[index]!.label + 1;
    for (let token = find(ranges[index * 2]!); token < last; token = find(token + 1)) {
      category[token] = value;
      next[token] = token + 1;
    }
  }
  return { category, mask };
}
