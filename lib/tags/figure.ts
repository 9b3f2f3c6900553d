/**
 * Reads a tagged figure ("1,219", "more than 1,200", "67,160 Palestinians", "48 million euros", "€1.80")
 * into the attributes a figure tag starts with: its value, what is counted or its unit, and whether the
 * text hedges it ("more than", "about"...). The annotator can correct all three.
 */
export type ParsedFigure = { value: number | null; unit: string | null; approximate: boolean };

const HEDGES =
  /^(?:more than|less than|fewer than|over|under|about|around|roughly|approximately|nearly|almost|some|at least|at most|up to|an estimated|estimated|close to|upwards of|~|>|<|≈)\s+/i;
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, k: 1e3, m: 1e6, bn: 1e9 };
const CURRENCY: Record<string, string> = { "€": "EUR", $: "USD", "£": "GBP", "¥": "JPY", "₹": "INR" };

export function parseFigure(span: string): ParsedFigure {
  let text = span.trim().replace(/\s+/g, " ");
  let approximate = false;
  for (let match = HEDGES.exec(text); match; match = HEDGES.exec(text)) {
    approximate = true;
    text = text.slice(match[0].length);
  }
  const number =
    /^([€$£¥₹])?\s?(\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+)(?:\.(\d+))?(?:\s*(%|percent|per cent))?(?:[\s-]+(thousand|million|billion|trillion|bn|k|m)\b)?\.?\s*(.*)$/i.exec(
      text,
    );
  if (!number) return { value: null, unit: null, approximate };
  const [, currency, whole, fraction, percent, scale, rest] = number;
  let value = Number(`${whole!.replace(/[,\u00a0\u202f ]/g, "")}${fraction ? `.${fraction}` : ""}`);
  if (scale) value *= SCALES[scale.toLowerCase()]!;
  // Avoid floating-point noise such as 3.4 * 1e6 = 3399999.9999999995.
  value = Number(value.toPrecision(15));
  const unit = percent ? "percent" : currency ? CURRENCY[currency]! : rest?.replace(/^[-\s]+/, "").replace(/[.,;:]+$/, "") || null;
  return { value, unit, approximate };
}
