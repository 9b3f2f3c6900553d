/**
 * Small constructed articles for the agreement and disagreement tests, where every figure can be worked
 * out by hand: the text is single letters separated by spaces ("a b c …"), so token k is exactly the code
 * units [2k, 2k + 1) and a tag over tokens first..last is [2·first, 2·last + 1).
 */
import { type Label, LABELS } from "@/lib/vocabulary";
import type { AgreementArticle, AgreementTag } from "@/lib/review/agreement";

let lastId = 0;

/** A tag over tokens first..last (inclusive) of a letters article, made by `annotators`. */
export function letterTag(label: Label, first: number, last: number, ...annotators: string[]): AgreementTag {
  return { id: `t${++lastId}`, label, start: 2 * first, end: 2 * last + 1, annotators };
}

export function letters(count: number): string {
  return Array.from({ length: count }, (_, index) => String.fromCharCode(97 + (index % 26))).join(" ");
}

export function letterArticle(tokens: number, annotators: string[], tags: AgreementTag[], id = `article-${++lastId}`): AgreementArticle {
  return { id, text: letters(tokens), annotators, tags };
}

/** A deterministic pseudo-random generator (mulberry32), so a failing random case can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["the", "minister", "said", "1,219", "“we", "will”", "—", "rise", "👋🏽", "Zoë", "km/h", "don’t", "."];

/**
 * A random article of news-like words (emoji, curly quotes, em dashes included) and random tags by
 * `users`: some shared (gold), some copied by a second user with shifted boundaries or another label, so
 * every kind of agreement and disagreement occurs.
 */
export function randomArticle(random: () => number, users: string[], words: number, tags: number): AgreementArticle {
  const text = Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(random() < 0.5 ? " " : "  ");
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const annotators = users.filter(() => random() < 0.85);
  const list: AgreementTag[] = [];
  for (let index = 0; index < tags; index++) {
    const start = Math.floor(random() * text.length);
    const end = Math.min(text.length, start + 1 + Math.floor(random() * 40));
    const by = random() < 0.15 ? [pick(users), pick(users)] : [pick(users)];
    list.push({ id: `r${++lastId}`, label: pick(LABELS), start, end, annotators: by });
    const copy = random();
    const shift = () => Math.floor(random() * 7) - 3;
    if (copy < 0.3) list.push({ id: `r${++lastId}`, label: list.at(-1)!.label, start, end, annotators: [pick(users)] });
    else if (copy < 0.5) {
      const shifted = Math.max(0, start + shift());
      list.push({
        id: `r${++lastId}`,
        label: list.at(-1)!.label,
        start: shifted,
        end: Math.max(shifted + 1, end + shift()),
        annotators: [pick(users)],
      });
    } else if (copy < 0.6) list.push({ id: `r${++lastId}`, label: pick(LABELS), start, end, annotators: [pick(users)] });
  }
  return { id: `random-${++lastId}`, text, annotators, tags: list };
}
