/**
 * builtin:figures: numbers with what they count or measure, read token by token (lib/text/tokens.ts).
 *
 * Conventions (the details form's attributes):
 * - the span holds the approximation, the currency sign, the number, its scale and its unit or counted
 *   noun: "more than 200 residents", "€3.4bn", "52 million euros", "3.5 per cent";
 * - `value` is the number as a plain number, scale applied: "52 million" → 52000000, "€3.4bn" → 3.4e9;
 *   a percentage keeps its written number (37 for "37%"), unit "%"; a fraction is its share ("two-thirds"
 *   → 0.6667); "dozens of" has no single value (null); a range ("between 10 and 12") is its lower bound;
 * - `unit` is the currency, unit or counted noun as a word ("euros" for €, "dollars" for $, "pounds" for
 *   £, "%", "km", "ballots"), null when nothing follows the number;
 * - `approximate` is true after "more than", "nearly", "about", "around", "roughly", "some", "up to",
 *   "almost", "over", "at least", "an estimated"…, for ranges and for "dozens of".
 * Not figures: years ("in 2024"), dates ("Oct. 14", "14 October"), times ("12:23 p.m.", "9 a.m."),
 * ordinals ("third", "3rd"), numbers inside words or codes ("COVID-19", "G7", "F-35", phone numbers
 * "555-0134", scores "7-2"), numbers named by the word before them ("page 12", "No. 5", "Boeing 737",
 * "Article 5"), list numbering at a line's start, "one of the…", and a bare number word ("the two met").
 */
import type { Suggester, Suggestion } from "../suggester";
import {
  SMALL,
  FRACTIONS,
  SCALES,
  MANY,
  SIGNS,
  CURRENCIES,
  UNITS,
  NOT_COUNTED,
  DURATIONS,
  IRREGULAR_PLURALS,
  APPROXIMATIONS,
  MONTHS,
  NAMING,
  FUNCTION_WORDS,
} from "./figure-words";
import { readWords, spanKey, type Word } from "./words";

const DIGITS = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(bn|mn|m|k|tn)?$/;
type Reading = { value: number | null; end: number };

/** A number at word `index`: digits ("1,219", "3.4bn") or words ("two", "a dozen", "two-thirds"). */
function readNumber(words: Word[], index: number): Reading | null {
  const word = words[index]!;
  const digits = DIGITS.exec(word.text);
  if (digits) {
    const value = Number(digits[1]!.replaceAll(",", "") + (digits[2] ? `.${digits[2]}` : ""));
    return { value: digits[3] ? value * SCALES[digits[3]]! : value, end: index + 1 };
  }
  if (word.lower in FRACTIONS) return { value: FRACTIONS[word.lower]!, end: index + 1 };
  if (word.lower === "a" && words[index + 1]?.lower === "dozen") return { value: 12, end: index + 2 };
  if (word.lower === "half" && words[index + 1]?.lower === "a" && words[index + 2]?.lower === "dozen") return { value: 6, end: index + 3 };
  const compound = /^([a-z]+)-([a-z]+)$/.exec(word.lower);
  if (compound && SMALL[compound[1]!]! >= 20 && SMALL[compound[2]!]! < 10)
    return { value: SMALL[compound[1]!]! + SMALL[compound[2]!]!, end: index + 1 };
  if (word.lower in SMALL && word.lower !== "hundred" && word.lower !== "thousand") return { value: SMALL[word.lower]!, end: index + 1 };
  if (MANY.has(word.lower) && words[index + 1]?.lower === "of") return { value: null, end: index + 1 };
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
    (after.text === "-" || after.text === "–" || after.text === "/") &&
    after.joined &&
    /^\d/.test(words[end + 1]?.text ?? "") &&
    words[end + 1]!.joined
  )
    return true;
  if (before && (before.text === "-" || before.text === "#") && word.joined) return true;
  if (before && NAMING.has(before.lower)) return true;
  if (before?.text === "." && words[index - 2] && NAMING.has(words[index - 2]!.lower)) return true;
  // "Boeing 737", "Apollo 11": a capitalised word other than a sentence's opening function word names it.
  if (before && /^\p{Lu}/u.test(before.text) && !FUNCTION_WORDS.has(before.lower) && !(before.lower in SIGNS)) return true;
  if (startsLine(text, word) && after && (after.text === "." || after.text === ")") && after.joined) return true;
  if (word.lower === "one" && (after?.lower === "of" || before?.lower === "no" || before?.lower === "the")) return true;
  return false;
}

function leftEdge(words: Word[], index: number): { index: number; approximate: boolean; sign: string | null } {
  let at = index;
  let sign: string | null = null;
  const before = words[at - 1];
  if (before && before.text in SIGNS && words[at]!.joined) {
    sign = SIGNS[before.text]!;
    at -= 1;
    const country = words[at - 1];
    if (country && /^(US|A|C|HK|NZ|S)$/.test(country.text) && words[at]!.joined) {
      sign = `${country.text} ${sign}`;
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
  let approximate = left.approximate || number.value === null;
  let value = number.value;
  let at = number.end;
  // "between 10 and 12 people": the range reads as its lower bound.
  if (words[left.index - 1]?.lower === "between" && words[at]?.lower === "and" && words[at + 1] && readNumber(words, at + 1)) {
    left.index -= 1;
    approximate = true;
    number = readNumber(words, at + 1)!;
    at = number.end;
  }
  let scaled = false;
  while (words[at] && words[at]!.lower in SCALES && !(words[at]!.lower === "k" && !words[at]!.joined)) {
    value = value === null ? null : value * SCALES[words[at]!.lower]!;
    scaled = true;
    at += 1;
  }
  const next = words[at];
  const year = /^(1[89]\d\d|20\d\d)$/.test(words[index]!.text);
  let unit: string | null = left.sign;
  let score = left.sign ? 0.95 : 0.7;
  if (next?.text === "%" && next.joined) [unit, at, score] = ["%", at + 1, 0.95];
  else if (next && (next.lower === "percent" || (next.lower === "per" && words[at + 1]?.lower === "cent"))) {
    at += next.lower === "per" ? 2 : 1;
    [unit, score] = ["%", 0.95];
    if (words[at]?.lower === "points" || (words[at]?.lower === "percentage" && words[at + 1]?.lower === "points")) at += 1;
  } else if (next?.lower === "percentage" && words[at + 1]?.lower === "points") [unit, at, score] = ["percentage points", at + 2, 0.95];
  else if (!left.sign && next && CURRENCIES.has(next.lower)) [unit, at, score] = [next.lower, at + 1, 0.95];
  else if (!left.sign && next && UNITS.has(next.lower) && !(next.lower === "m" && !next.joined)) {
    const square = next.lower === "sq" || next.lower === "square" || next.lower === "cubic";
    unit = square && words[at + 1] ? `${next.lower} ${words[at + 1]!.lower}` : next.lower;
    at += square && words[at + 1] ? 2 : 1;
    score = 0.9;
  } else if (!left.sign) {
    // A counted noun: "1,219 ballots", "200 local residents", "dozens of people".
    let from = at;
    if (next?.lower === "of" && (number.value === null || isWordNumber(words[index]!))) from += 1;
    const noun = counted(words, from);
    if (noun) [unit, at, score] = [words[noun - 1]!.lower, noun, isWordNumber(words[index]!) ? 0.8 : 0.85];
    else if (DURATIONS.has(words[from]?.lower ?? "")) return null;
    else if (isWordNumber(words[index]!) && number.value !== null && !scaled) return null;
    else if (number.value === null) return null;
  }
  if (year && unit === null) return null;
  if (year && !left.sign && unit !== "%" && !scaled && !CURRENCIES.has(unit ?? "") && !UNITS.has(unit ?? "")) return null;
  return { start: words[left.index]!.start, end: words[at - 1]!.end, value: round(value), unit, approximate, score };
}

/** The word index after the counted noun that starts at `from` (with at most one word before it), or null. */
function counted(words: Word[], from: number): number | null {
  const first = words[from];
  if (!first || !/^[a-z][a-z-]*$/.test(first.text) || NOT_COUNTED.has(first.lower) || DURATIONS.has(first.lower)) return null;
  const second = words[from + 1];
  const plural = (word: Word) => IRREGULAR_PLURALS.has(word.lower) || /[^s]s$/.test(word.lower);
  if (!plural(first) && second && /^[a-z][a-z-]*$/.test(second.text) && !NOT_COUNTED.has(second.lower) && plural(second)) return from + 2;
  return plural(first) ? from + 1 : null;
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

export const figuresSuggester: Suggester = { name: "builtin:figures", version: "1", labels: ["figure"], suggest: findFigures };
