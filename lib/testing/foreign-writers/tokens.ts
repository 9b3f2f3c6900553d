/**
 * A small deterministic tokenizer for the writers of token-based formats (Prodigy, CoNLL-2003): words and
 * single punctuation marks or symbols, never splitting a grapheme cluster (an emoji with its ZWJ, a letter
 * with its accent), and split at every entity edge so that each entity covers whole tokens, the way those
 * tools' data always does. Offsets in code points, like Python's.
 */
export type WriterToken = { text: string; start: number; end: number; ws: boolean };

const PUNCTUATION = /^[\p{P}\p{S}]/u;
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

export function tokenize(text: string, edges: Iterable<number> = []): WriterToken[] {
  const cuts = new Set(edges);
  const tokens: WriterToken[] = [];
  // The word being read: its text and its start, or -1 between words.
  let wordText = "";
  let wordStart = -1;
  let offset = 0;
  const close = () => {
    if (wordStart >= 0) tokens.push({ text: wordText, start: wordStart, end: offset, ws: false });
    wordStart = -1;
    wordText = "";
  };
  for (const { segment } of graphemes.segment(text)) {
    const length = Array.from(segment).length;
    if (cuts.has(offset)) close();
    if (/^\s/u.test(segment)) {
      close();
      const last = tokens.at(-1);
      if (last && last.end === offset) last.ws = true;
    } else if (PUNCTUATION.test(segment)) {
      close();
      tokens.push({ text: segment, start: offset, end: offset + length, ws: false });
    } else {
      if (wordStart < 0) wordStart = offset;
      wordText += segment;
    }
    offset += length;
  }
  close();
  return tokens;
}
