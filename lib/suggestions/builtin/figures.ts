/**
 * builtin:figures: numbers with what they count or measure, read token by token (lib/text/tokens.ts), by
 * the guidelines' rules for a figure (bench/gold/guidelines.md, "Figure").
 *
 * - The span holds the approximation, the currency sign, the number, its scale and its unit or counted
 *   noun with the words before that noun: "more than 200 residents", "€3.4bn", "12 new schools",
 *   "90 minutes", "three years" (durations are figures); a trailing "of the…" stays out ("2,000 of the
 *   workers" is "2,000").
 * - The attributes are those the details form gives (lib/tags/figure.ts): `value` the number scaled
 *   ("52 million" → 52000000), null for a range ("between 10 and 12 people"); `unit` the currency's ISO
 *   code whether written as a sign or a word ("€", "euros" → EUR), `percent` for "%" and "per cent", else
 *   the words after the number as written ("new schools", "km", "percentage points"), null when none;
 *   `approximate` after a hedge ("more than", "no more than", "nearly", "about"…) and for a range.
 * Not figures: years ("in 2024"), dates ("Oct. 14", "14 October"), times ("12:23 p.m.", "9 a.m."), ages
 * ("Varga, 58,", "aged 54"), ordinals ("third", "3rd"), scores ("7-2", "3–1"), numbers inside words or codes
 * ("COVID-19", "G7", "555-0134"), numbers named by the word before them ("page 12", "Boeing 737", "Article
 * 5"), list numbering at a line's start, "one of the…", a bare number word ("the two met"), and vague
 * quantities without a number ("dozens of", "a dozen", "half the budget").
 */
import type { Suggester, Suggestion } from "../suggester";
import {
  SMALL,
  FRACTIONS,
  SCALES,
  SIGNS,
  CURRENCIES,
  CURRENCY_CODES,
  UNITS,
  NOT_COUNTED,
  IRREGULAR_PLURALS,
  PART_OF,
  AGE_WORDS,
  APPROXIMATIONS,
  MONTHS,
  NAMING,
  FUNCTION_WORDS,
} from "./figure-words";
import { readWords, spanKey, type Word } from "./words";

const DIGITS = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(bn|mn|m|k|tn)?$/;
type Reading = { value: number | null; end: number };

/** A number at word `index`: digits ("1,219", "3.4bn") or words ("two", "twenty-one", "two-thirds"). */
function readNumber(words: Word[], index: number): Reading | null {
  const word = words[index]!;
  const digits = DIGITS.exec(word.text);
  if (digits) {
    const value = Number(digits[1]!.replaceAll(",", "") + (digits[2] ? `.${digits[2]}` : ""));
    return { value: digits[3] ? value * SCALES[digits[3]]! : value, end: index + 1 };
  }
  if (word.lower in FRACTIONS) return { value: FRACTIONS[word.lower]!, end: index + 1 };
  const compound = /^([a-z]+)-([a-z]+)$/.exec(word.lower);
  if (compound && SMALL[compound[1]!]! >= 20 && SMALL[compound[2]!]! < 10)
    return { value: SMALL[compound[1]!]! + SMALL[compound[2]!]!, end: index + 1 };
  // "dozen", "hundred" and "thousand" alone are vague ("a dozen", "hundreds of homes"), not numbers.
  if (word.lower in SMALL && !["dozen", "hundred", "thousand"].includes(word.lower)) return { value: SMALL[word.lower]!, end: index + 1 };
  return null;
}

const isWordNumber = (word: Word) => !/\d/.test(word.text);
const startsLine = (text: string, word: Word) => /(^|\n)[ \t]*$/.test(text.slice(Math.max(0, word.start - 40), word.start));

/** Whether the number at `index` (through `end`) is a year, a date, a time, a code or a name, not a figure. */
function isTrap(text: string, words: Word[], index: number, end: number): boolean {
  const word = words[index]!;
  const before = words[index - 1];
  const after = words[end];
  if (/[:/]/.test(word.text)) return true;
  if (before && MONTHS.has(before.lower.replace(/\.$/, ""))) return true;
  if (before?.text === "." && words[index - 2] && MONTHS.has(words[index - 2]!.lower)) return true;
  if (after && MONTHS.has(after.lower) && after.lower !== "may") return true;
  if (after && /^(a\.m|p\.m|am|pm|gmt|utc|bst|cet|et|pt|hrs|h)$/.test(after.lower)) return true;
  if (
    after &&
    (after.text === "-" || after.text === "–" || after.text === "—" || after.text === "/") &&
    after.joined &&
    /^\d/.test(words[end + 1]?.text ?? "") &&
    words[end + 1]!.joined
  )
    return true;
  if (before && (before.text === "-" || before.text === "–" || before.text === "#") && word.joined) return true;
  if (before && AGE_WORDS.has(before.lower)) return true;
  // "Varga, 58, showed no emotion": a bare number set off by commas after a name is an age.
  if (
    before?.text === "," &&
    /^\p{Lu}/u.test(words[index - 2]?.text ?? "") &&
    (after?.text === "," || after?.text === ")") &&
    !/\D/.test(word.text)
  )
    return true;
  if (before && NAMING.has(before.lower)) return true;
  if (before?.text === "." && words[index - 2] && NAMING.has(words[index - 2]!.lower)) return true;
  // "Boeing 737", "Apollo 11": a capitalised word other than a sentence's opening function word names it.
  if (before && /^\p{Lu}/u.test(before.text) && !FUNCTION_WORDS.has(before.lower) && !(before.lower in SIGNS)) return true;
  if (startsLine(text, word) && after && (after.text === "." || after.text === ")") && after.joined) return true;
  if (word.lower === "one" && (after?.lower === "of" || before?.lower === "no" || before?.lower === "the")) return true;
  return false;
}

/** "A$5m" is Australian dollars: the letters before a dollar sign name its country. */
const DOLLARS: Record<string, string> = { US: "USD", A: "AUD", C: "CAD", HK: "HKD", NZ: "NZD", S: "SGD" };

function leftEdge(words: Word[], index: number): { index: number; approximate: boolean; sign: string | null } {
  let at = index;
  let sign: string | null = null;
  const before = words[at - 1];
  if (before && before.text in SIGNS && words[at]!.joined) {
    sign = SIGNS[before.text]!;
    at -= 1;
    const country = words[at - 1];
    if (sign === "USD" && country && country.text in DOLLARS && words[at]!.joined) {
      sign = DOLLARS[country.text]!;
      at -= 1;
    }
  }
  for (const phrase of APPROXIMATIONS) {
    const from = at - phrase.length;
    if (from >= 0 && phrase.every((part, offset) => words[from + offset]!.lower === part)) return { index: from, approximate: true, sign };
  }
  return { index: at, approximate: false, sign };
}

type Found = { start: number; end: number; value: number | null; unit: string | null; approximate: boolean; score: number };

function readFigure(text: string, words: Word[], index: number): Found | null {
  let number = readNumber(words, index);
  if (!number || isTrap(text, words, index, number.end)) return null;
  const left = leftEdge(words, index);
  // "300m" alone may be metres or millions: only money says which.
  if (/\dm$/.test(words[index]!.text) && !left.sign) return null;
  let approximate = left.approximate;
  let value = number.value;
  let at = number.end;
  // "between 10 and 12 people", "between €2 billion and €3 billion": one figure, no single value.
  const sign = left.sign;
  let and = at;
  while (words[and] && words[and]!.lower in SCALES) and++;
  if (words[left.index - 1]?.lower === "between" && words[and]?.lower === "and") {
    const second = scaledEnd(words, and + 1);
    const upper = second === null ? null : readNumber(words, second);
    if (upper) {
      left.index -= 1;
      approximate = true;
      value = null;
      number = upper;
      at = number.end;
    }
  }
  const scaledFrom = at;
  while (words[at] && words[at]!.lower in SCALES && !(words[at]!.lower === "k" && !words[at]!.joined)) {
    value = value === null ? null : value * SCALES[words[at]!.lower]!;
    at += 1;
  }
  const scaled = at > scaledFrom;
  const next = words[at];
  const year = /^(1[89]\d\d|20\d\d)$/.test(words[index]!.text);
  let unit: string | null = sign;
  let score = sign ? 0.95 : 0.7;
  const wordsFrom = (from: number, to: number) => text.slice(words[from]!.start, words[to - 1]!.end);
  if (next?.text === "%" && next.joined) [unit, at, score] = ["percent", at + 1, 0.95];
  else if (next && (next.lower === "percent" || (next.lower === "per" && words[at + 1]?.lower === "cent"))) {
    at += next.lower === "per" ? 2 : 1;
    [unit, score] = ["percent", 0.95];
  } else if (next?.lower === "percentage" && /^points?$/.test(words[at + 1]?.lower ?? ""))
    [unit, at, score] = [wordsFrom(at, at + 2), at + 2, 0.95];
  else if (!sign && next && CURRENCIES.has(next.lower)) [unit, at, score] = [CURRENCY_CODES[next.lower] ?? next.lower, at + 1, 0.95];
  else if (!sign && next && UNITS.has(next.lower) && !(next.lower === "m" && !next.joined)) {
    const square = next.lower === "sq" || next.lower === "square" || next.lower === "cubic";
    const to = square && words[at + 1] ? at + 2 : at + 1;
    [unit, at, score] = [wordsFrom(at, to), to, 0.9];
  } else if (!sign) {
    // A counted noun, with the words that describe it: "1,219 ballots", "400 extra parking spaces".
    const noun = counted(words, at);
    if (noun) [unit, at, score] = [wordsFrom(at, noun), noun, isWordNumber(words[index]!) ? 0.8 : 0.85];
    // "2,000 of the workers": the part is the figure, the whole stays out.
    else if (next?.lower === "of" && PART_OF.has(words[at + 1]?.lower ?? "") && value !== null) score = 0.6;
    else if (isWordNumber(words[index]!) && !scaled) return null;
  }
  if (year && unit === null) return null;
  if (year && !sign && unit !== "percent" && !scaled && !CURRENCIES.has(next?.lower ?? "") && !UNITS.has(next?.lower ?? "")) return null;
  return { start: words[left.index]!.start, end: words[at - 1]!.end, value: round(value), unit, approximate, score };
}

/** The word index of a range's second number after "and": "12", "€3" (past its sign), or null. */
function scaledEnd(words: Word[], from: number): number | null {
  const word = words[from];
  if (!word) return null;
  if (word.text in SIGNS && words[from + 1]?.joined) return from + 1;
  return from;
}

/**
 * The word index after the counted noun that starts at `from`, or null: a plural noun, with at most two
 * lowercase words before it that describe it ("new schools", "extra parking spaces", "shipping customers").
 */
function counted(words: Word[], from: number): number | null {
  const countable = (word: Word | undefined) =>
    word !== undefined && /^[a-z][a-z-]*$/.test(word.text) && !NOT_COUNTED.has(word.lower) && !word.lower.endsWith("ly");
  const plural = (word: Word) => IRREGULAR_PLURALS.has(word.lower) || /[^s]s$/.test(word.lower);
  for (let at = from; at < from + 3 && countable(words[at]); at++) if (plural(words[at]!)) return at + 1;
  return null;
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 1e4) / 1e4);

export function findFigures(text: string): Suggestion[] {
  const { words } = readWords(text);
  const found: Suggestion[] = [];
  for (let index = 0; index < words.length; index++) {
    const figure = readFigure(text, words, index);
    if (!figure) continue;
    const previous = found.at(-1);
    if (previous && figure.start < previous.end) continue;
    found.push({
      key: spanKey("figure", figure.start, figure.end),
      label: "figure",
      start: figure.start,
      end: figure.end,
      text: text.slice(figure.start, figure.end),
      score: figure.score,
      attributes: { value: figure.value, unit: figure.unit, approximate: figure.approximate },
    });
    while (index + 1 < words.length && words[index + 1]!.start < figure.end) index++;
  }
  return found;
}

export const figuresSuggester: Suggester = { name: "builtin:figures", version: "2", labels: ["figure"], suggest: findFigures };
