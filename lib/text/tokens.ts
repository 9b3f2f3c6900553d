/**
 * Words and sentences of a canonical text, counted the same way wherever Margin needs tokens: the
 * token-level agreement measures (lib/review) and the CoNLL export. Offsets are UTF-16 code units of the
 * text (JavaScript's), end exclusive; a token never splits a character.
 *
 * A token is a run of letters, digits and combining marks, with inner joiners kept ("1,219", "km/h",
 * "don't", "al-Assad", "U.S"), or an emoji with its modifiers, or any other single non-space character
 * (punctuation, symbols). Sentences end after ".", "!", "?" or "…" (and any closing quotes or brackets)
 * when the next word starts with a capital, a digit or an opening quote, and always at a line or
 * paragraph break; a short list of abbreviations ("Mr.", "Dr.", "Gen.") does not end one. It is a
 * heuristic, stated here so that exports and figures can be reproduced.
 */
export type TokenSpan = { start: number; end: number };

const WORD = String.raw`[\p{L}\p{N}\p{M}]+(?:['’\-.,:/][\p{L}\p{N}\p{M}]+)*`;
const EMOJI = String.raw`\p{Regional_Indicator}{2}|\p{Extended_Pictographic}(?:\uFE0F|\p{M}|[\u{1F3FB}-\u{1F3FF}]|\u200D\p{Extended_Pictographic}\uFE0F?)*`;
const TOKEN = new RegExp(`${WORD}|${EMOJI}|\\S`, "gu");

export function tokenize(text: string): TokenSpan[] {
  const tokens: TokenSpan[] = [];
  for (const match of text.matchAll(TOKEN)) tokens.push({ start: match.index, end: match.index + match[0].length });
  return tokens;
}

const ENDS = new Set([".", "!", "?", "…"]);
const CLOSERS = new Set(["”", "’", '"', "'", ")", "]", "»"]);
const ABBREVIATIONS = new Set(["mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "sen", "rep", "gov", "pres", "jr", "sr", "no", "vs", "etc", "inc", "co", "corp", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]);
const OPENS = /^[\p{Lu}\p{N}“‘"'(\[«]/u;

/** The tokens grouped into sentences, in order; every token is in exactly one sentence. */
export function sentences(text: string, tokens: TokenSpan[] = tokenize(text)): TokenSpan[][] {
  const result: TokenSpan[][] = [];
  let current: TokenSpan[] = [];
  const close = () => {
    if (current.length) result.push(current);
    current = [];
  };
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const previous = current.at(-1);
    // A line or paragraph break between two tokens ends the sentence.
    if (previous && text.slice(previous.end, token.start).includes("\n")) close();
    current.push(token);
    const value = text.slice(token.start, token.end);
    if (!ENDS.has(value)) continue;
    const before = tokens[index - 1];
    if (value === "." && before && before.end === token.start && ABBREVIATIONS.has(text.slice(before.start, before.end).toLowerCase())) continue;
    // Closing quotes and brackets right after the stop belong to this sentence.
    while (index + 1 < tokens.length && CLOSERS.has(text.slice(tokens[index + 1]!.start, tokens[index + 1]!.end)) && !text.slice(token.end, tokens[index + 1]!.start).includes("\n")) current.push(tokens[++index]!);
    const next = tokens[index + 1];
    if (!next || OPENS.test(text.slice(next.start, next.end))) close();
  }
  close();
  return result;
}
