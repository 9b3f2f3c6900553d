/**
 * The tokens of a text with their words, read once per text and shared by the built-in suggesters, which
 * all scan the same article in turn (`suggestAll`): tokens and sentences are those of `lib/text/tokens.ts`,
 * so a suggestion's edges always fall on token edges and never inside a character.
 */
import { sentences, tokenize } from "@/lib/text/tokens";

export type Word = {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** Index of its sentence in `sentences`. */
  sentence: number;
  /** True when only spaces and no line break separate it from the previous token. */
  joined: boolean;
};

export type Words = {
  text: string;
  words: Word[];
  /** Each sentence as [first word index, last word index + 1]. */
  sentences: [number, number][];
};

let last: Words | null = null;

/** The text's words; the last text's are kept, since every suggester of one run asks for them. */
export function readWords(text: string): Words {
  if (last && last.text === text) return last;
  const tokens = tokenize(text);
  const grouped = sentences(text, tokens);
  const words: Word[] = [];
  const bounds: [number, number][] = [];
  grouped.forEach((sentence, index) => {
    const first = words.length;
    for (const token of sentence) {
      const value = text.slice(token.start, token.end);
      const previous = words.at(-1);
      words.push({
        start: token.start,
        end: token.end,
        text: value,
        lower: value.toLowerCase(),
        sentence: index,
        joined: previous !== undefined && previous.end === token.start,
      });
    }
    bounds.push([first, words.length]);
  });
  last = { text, words, sentences: bounds };
  return last;
}

export const isCapitalized = (word: string) => /^\p{Lu}/u.test(word);

/** The key every built-in suggester gives a span: links between suggesters of one run name it. */
export const spanKey = (label: string, start: number, end: number) => `${label}:${start}-${end}`;
