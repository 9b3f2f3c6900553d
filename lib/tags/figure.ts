/**
 * Reads a tagged figure ("1,219", "more than 1,200", "67,160 Palestinians", "48 million euros", "€1.80")
 * into the attributes a figure tag starts with: its value, what is counted or its unit, and whether the
 * text hedges it ("more than", "about"...). The annotator can correct all three. The conventions are the
 * annotation guidelines' (bench/gold/guidelines.md), which the figures suggester follows too
 * (lib/suggestions/builtin/figures.ts, whose test checks both read the same words alike): currencies as
 * ISO codes (`EUR` for "€" and for "euros"), percentages as `percent`, a scale applied to the value
 * ("€3.4bn" is 3400000000), a range ("between 10 and 12 people") hedged and without a single value.
 */
export type ParsedFigure = { value: number | null; unit: string | null; approximate: boolean };

const HEDGES =
  /^(?:more than|less than|fewer than|no more than|no fewer than|no less than|as many as|as much as|as few as|as little as|over|under|about|around|roughly|approximately|nearly|almost|some|at least|at most|up to|an estimated|estimated|close to|upwards of|~|>|<|≈)\s+/i;
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, k: 1e3, m: 1e6, bn: 1e9 };
const CURRENCY: Record<string, string> = { "€": "EUR", $: "USD", "£": "GBP", "¥": "JPY", "₹": "INR" };
/** A currency named in words after the number: its code, as for the sign. */
const CURRENCY_WORDS: [RegExp, string][] = [
  [/^euros?$/i, "EUR"],
  [/^(?:us |u\.s\. |american )?dollars?$/i, "USD"],
  [/^(?:pounds?(?: sterling)?|sterling)$/i, "GBP"],
  [/^yen$/i, "JPY"],
  [/^rupees?$/i, "INR"],
];
const NUMBER = String.raw`(\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+)(?:\.(\d+))?`;
/** "between 10 and 12 people", "10 to 12 people", "10–12 people": hedged, no single value. */
const RANGE = new RegExp(
  String.raw`^(?:between\s+)?[€$£¥₹]?${NUMBER}(?:\s*(?:thousand|million|billion|trillion|bn))?\s*(?:and|to|-|–)\s*[€$£¥₹]?${NUMBER}\b`,
  "i",
);

function unitOf(currency: string | undefined, percent: string | undefined, rest: string | undefined): string | null {
  if (percent) return "percent";
  if (currency) return CURRENCY[currency]!;
  const words = rest?.replace(/^[-\s]+/, "").replace(/[.,;:]+$/, "") || null;
  if (!words) return null;
  return CURRENCY_WORDS.find(([pattern]) => pattern.test(words))?.[1] ?? words;
}

export function parseFigure(span: string): ParsedFigure {
  let text = span.trim().replace(/\s+/g, " ");
  let approximate = false;
  for (let match = HEDGES.exec(text); match; match = HEDGES.exec(text)) {
    approximate = true;
    text = text.slice(match[0].length);
  }
  const range = RANGE.exec(text);
  if (range) {
    const rest = /^\s*(?:%|percent|per cent)/i.test(text.slice(range[0].length)) ? "percent" : undefined;
    const scale = /^[\s-]*(thousand|million|billion|trillion|bn)\b/i.exec(text.slice(range[0].length));
    const after = text.slice(range[0].length + (scale?.[0].length ?? 0));
    return { value: null, unit: unitOf(/^[€$£¥₹]/.exec(text)?.[0], rest, rest ? undefined : after), approximate: true };
  }
  // A scale joined to the number ("3.4bn") counts; "m" and "k" only after a currency sign ("£9m": "300m"
  // alone may be metres).
  const number = new RegExp(
    String.raw`^([€$£¥₹])?\s?${NUMBER}(?:\s*(%|percent|per cent))?(?:(?:[\s-]+(thousand|million|billion|trillion|bn|k|m)|(bn)|(?<=^[€$£¥₹].*)(k|m))\b)?\.?\s*(.*)$`,
    "i",
  ).exec(text);
  if (!number) return { value: null, unit: null, approximate };
  const [, currency, whole, fraction, percent, spaced, joinedBn, joinedShort, rest] = number;
  const scale = spaced ?? joinedBn ?? joinedShort;
  let value = Number(`${whole!.replace(/[,\u00a0\u202f ]/g, "")}${fraction ? `.${fraction}` : ""}`);
  if (scale) value *= SCALES[scale.toLowerCase()]!;
  // Avoid floating-point noise such as 3.4 * 1e6 = 3399999.9999999995.
  value = Number(value.toPrecision(15));
  return { value, unit: unitOf(currency, percent, rest), approximate };
}
