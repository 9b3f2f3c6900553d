/**
 * Claims with no actor for a source (guidelines, "Claim": "when no actor is named (“the data show…”), the
 * claim has no source"): what is so "according to the report", and what a report, study, survey or the
 * figures "found", "show" or "concluded". The span is the asserted clause to its sentence's end, without
 * "that" and the final stop, as for claims with a source (lib/suggestions/builtin/reported.ts).
 */
import { findQuotations } from "./quotation-marks";
import { readWords, type Word } from "./words";

const DOCUMENTS = new Set(
  "report reports study studies survey surveys data figures forecasts forecast projections analysis research review audit inquiry investigation poll polls statistics".split(
    " ",
  ),
);
const FINDING = new Set(
  "found finds find shows show showed concluded concludes suggests suggest suggested indicates indicate indicated".split(" "),
);
const DETERMINERS = new Set(["the", "a", "an", "its", "their", "his", "her", "this", "these", "our"]);
const STOPS = /^[.!?…]$/;

export type Span = { start: number; end: number };

export function findSourcelessClaims(text: string): Span[] {
  const { words, sentences } = readWords(text);
  const quotations = findQuotations(text);
  const found: Span[] = [];
  for (const [first, last] of sentences) {
    const from = clauseStart(words, first, last);
    if (from === null) continue;
    let to = last;
    while (to > from && STOPS.test(words[to - 1]!.text)) to--;
    if (to - from < 3) continue;
    const span = { start: words[from]!.start, end: words[to - 1]!.end };
    // Quoted words across the clause's edge make it a quotation's, not a claim.
    if (
      quotations.some(
        (quotation) =>
          quotation.start < span.end && span.start < quotation.end && !(span.start <= quotation.start && quotation.end <= span.end),
      )
    )
      continue;
    found.push(span);
  }
  return found;
}

/** Where the asserted clause of a sentence starts, if the sentence reports a document's finding. */
function clauseStart(words: Word[], first: number, last: number): number | null {
  // "According to the report, CLAUSE": a document, not an actor (those are reported.ts's).
  if (words[first]?.lower === "according" && words[first + 1]?.lower === "to" && DETERMINERS.has(words[first + 2]?.lower ?? "")) {
    for (let at = first + 3; at < Math.min(last, first + 8); at++) {
      if (words[at]!.text === ",") return DOCUMENTS.has(words[at - 1]!.lower) ? at + 1 : null;
      if (!/^\p{Ll}/u.test(words[at]!.text)) return null;
    }
    return null;
  }
  // "The study found (that) CLAUSE", "Forecasts, published on Monday, show CLAUSE".
  for (let at = first; at < Math.min(last, first + 4); at++) {
    if (!DOCUMENTS.has(words[at]!.lower)) continue;
    let verb = at + 1;
    if (words[verb]?.text === ",") {
      const close = words.findIndex((word, index) => index > verb && index < Math.min(last, verb + 10) && word.text === ",");
      if (close === -1) return null;
      verb = close + 1;
    }
    if (!FINDING.has(words[verb]?.lower ?? "")) return null;
    return words[verb + 1]?.lower === "that" ? verb + 2 : verb + 1;
  }
  return null;
}
