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

/** The definition above as one regular expression: the reference the fast scanner below is tested against. */
export const TOKEN_PATTERN = new RegExp(
  String.raw`[\p{L}\p{N}\p{M}]+(?:['’\-.,:/][\p{L}\p{N}\p{M}]+)*|\p{Regional_Indicator}{2}|\p{Extended_Pictographic}(?:\uFE0F|\p{M}|[\u{1F3FB}-\u{1F3FF}]|\u200D\p{Extended_Pictographic}\uFE0F?)*|\S`,
  "gu",
);

const enum Kind {
  Space,
  Word,
  Emoji,
  Other,
}

const IS_WORD = /^[\p{L}\p{N}\p{M}]$/u;
const IS_SPACE = /^\s$/u;
const IS_EMOJI = /^[\p{Extended_Pictographic}\p{Regional_Indicator}]$/u;
const EMOJI_AT = new RegExp(
  String.raw`\p{Regional_Indicator}{2}|\p{Extended_Pictographic}(?:\uFE0F|\p{M}|[\u{1F3FB}-\u{1F3FF}]|\u200D\p{Extended_Pictographic}\uFE0F?)*`,
  "uy",
);
/** Classes of code points outside ASCII, looked up once each: Unicode property tests are the slow part. */
const KINDS = new Map<number, Kind>();

function kindOf(code: number): Kind {
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39)) return Kind.Word;
    return code === 0x20 || (code >= 0x09 && code <= 0x0d) ? Kind.Space : Kind.Other;
  }
  let kind = KINDS.get(code);
  if (kind === undefined) {
    const char = String.fromCodePoint(code);
    kind = IS_WORD.test(char) ? Kind.Word : IS_SPACE.test(char) ? Kind.Space : IS_EMOJI.test(char) ? Kind.Emoji : Kind.Other;
    KINDS.set(code, kind);
  }
  return kind;
}

const isJoiner = (code: number) =>
  code === 0x27 || code === 0x2019 || code === 0x2d || code === 0x2e || code === 0x2c || code === 0x3a || code === 0x2f;
const width = (code: number) => (code > 0xffff ? 2 : 1);

/** The tokens of a text: TOKEN_PATTERN's matches, found by a scanner about five times faster. */
export function tokenize(text: string): TokenSpan[] {
  const tokens: TokenSpan[] = [];
  const length = text.length;
  let at = 0;
  while (at < length) {
    const code = text.codePointAt(at)!;
    const kind = kindOf(code);
    if (kind === Kind.Space) {
      at += width(code);
      continue;
    }
    const start = at;
    if (kind === Kind.Word) {
      at += width(code);
      for (;;) {
        while (at < length && kindOf(text.codePointAt(at)!) === Kind.Word) at += width(text.codePointAt(at)!);
        // A joiner stays inside the word only when a word character follows it.
        if (at + 1 < length && isJoiner(text.charCodeAt(at)) && kindOf(text.codePointAt(at + 1)!) === Kind.Word) at += 1;
        else break;
      }
    } else if (kind === Kind.Emoji) {
      EMOJI_AT.lastIndex = at;
      // A lone regional indicator is not a flag: it is a token by itself.
      at = EMOJI_AT.test(text) ? EMOJI_AT.lastIndex : at + width(code);
    } else at += width(code);
    tokens.push({ start, end: at });
  }
  return tokens;
}

const ENDS = new Set([".", "!", "?", "…"]);
const CLOSERS = new Set(["”", "’", '"', "'", ")", "]", "»"]);
const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "st",
  "gen",
  "col",
  "lt",
  "sgt",
  "sen",
  "rep",
  "gov",
  "pres",
  "jr",
  "sr",
  "no",
  "vs",
  "etc",
  "inc",
  "co",
  "corp",
  "ltd",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
]);
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
    if (value === "." && before && before.end === token.start && ABBREVIATIONS.has(text.slice(before.start, before.end).toLowerCase()))
      continue;
    // Closing quotes and brackets right after the stop belong to this sentence.
    while (
      index + 1 < tokens.length &&
      CLOSERS.has(text.slice(tokens[index + 1]!.start, tokens[index + 1]!.end)) &&
      !text.slice(token.end, tokens[index + 1]!.start).includes("\n")
    )
      current.push(tokens[++index]!);
    const next = tokens[index + 1];
    if (!next || OPENS.test(text.slice(next.start, next.end))) close();
  }
  close();
  return result;
}
