/**
 * The benchmarks' article and its tags, shared by Margin's benchmark (bench/editor.ts) and the comparison with
 * Recogito (bench/recogito.ts), so that both show the same words with the same highlights.
 */
import { newsText, rng } from "./news-text";

export type Span = { start: number; end: number };

/**
 * The article's length for a number of tags: `chars`, or longer where that many tags would crowd it: 20
 * characters a tag (5,000 tags on 100,000 characters), so that 20,000 tags come on 400,000 characters.
 */
export const charsFor = (tags: number, chars: number) => Math.max(chars, tags * 20);

export function benchText(seed: number, chars: number): { text: string; random: () => number } {
  const random = rng(seed);
  return { text: newsText(random, chars), random };
}

/** Tags on whole words: four fifths apart from each other, one fifth overlapping one of those (the spans of earlier runs). */
export function tagSpans(text: string, count: number, random: () => number): Span[] {
  if (!count) return [];
  const words = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}’',.-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
  const apart = Math.max(1, Math.floor(count * 0.8));
  const stride = Math.floor(words.length / apart);
  if (stride < 2) throw new Error(`${count} tags do not fit on ${words.length} words`);
  const firstWords: number[] = [];
  const spans: Span[] = [];
  for (let index = 0; index < apart; index++) {
    const first = index * stride;
    const last = Math.min(first + Math.floor(random() * Math.min(3, stride - 1)), words.length - 1);
    firstWords.push(first);
    spans.push({ start: words[first]!.start, end: words[last]!.end });
  }
  while (spans.length < count) {
    // Starts with a tag's first word and runs on past its end.
    const from = firstWords[Math.floor(random() * apart)]!;
    const to = Math.min(from + 2 + Math.floor(random() * 3), words.length - 1);
    spans.push({ start: words[from]!.start, end: words[to]!.end });
  }
  return spans;
}
