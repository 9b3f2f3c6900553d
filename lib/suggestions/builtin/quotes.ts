/**
 * builtin:quotes: direct quotations (lib/suggestions/builtin/quotation-marks.ts) with their speaker, and
 * indirect ones ("Smith said that…").
 *
 * - A direct quote's span includes its quotation marks (what annotators select, and what `isQuoted` in
 *   lib/text/quotes.ts recognises); `direct: true`.
 * - Its speaker comes from an attribution in the same sentence right after it ("…,” said Smith; “…,”
 *   Smith told AFP; “…,” according to Smith) or right before it (Smith said: “…”); "she said" stands for
 *   the nearest person named before (lib/suggestions/builtin/speech.ts). `speakerKey` names the actor tag
 *   covering the speaker or the actor suggestion on those words. A quotation with no attribution of its
 *   own, later in the paragraph of an attributed one, is given that speaker (“…,” she said. “…”).
 * - Scare quotes are not quotes: one or two quoted words with no attribution (so-called “reforms”), and
 *   a quoted title (every word capitalised) with no attribution.
 * - A quotation with no attribution of its own goes to the actor named last before it, outside any
 *   quotation (guidelines, rule 5), with a lower score.
 * - An indirect quote is the clause reported by a verb of saying (`SAYING_VERBS`: "said", "told … that",
 *   "added", "stated", "wrote", "confirmed"…), after it up to the sentence's end, without its stop, or
 *   before it ("The pier was shut, she said"); `direct: false`.
 */
import type { SuggestContext, Suggester, Suggestion } from "../suggester";
import { findMentions, type Mention } from "./mentions";
import { findQuotations, type Quotation } from "./quotation-marks";
import { findReported } from "./reported";
import { linkSpeaker } from "./speaker-link";
import { findAttributions, SAYING_VERBS, type Attribution } from "./speech";
import { readWords, spanKey, type Word } from "./words";

const HONORIFIC_STOP = /^(mr|mrs|ms|dr|prof|sen|rep|gov|gen|col|lt|sgt|st|jr|sr)$/;

export function findQuotes(text: string, context: SuggestContext = {}): Suggestion[] {
  const { words } = readWords(text);
  const attributions = findAttributions(text);
  const found: Suggestion[] = [];
  let previous: { end: number; attribution: Attribution } | null = null;
  for (const quotation of findQuotations(text)) {
    let attribution = attributionOf(text, words, attributions, quotation);
    let carried = false;
    // “First,” she said. “Second.”: a quotation later in the paragraph of an attributed one is the same voice.
    if (!attribution && previous && !text.slice(previous.end, quotation.start).includes("\n")) {
      attribution = previous.attribution;
      carried = true;
    }
    if (attribution) previous = { end: quotation.end, attribution };
    const inner = text.slice(quotation.start + 1, quotation.end - 1);
    const wordsInside = inner.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
    if ((!attribution || carried) && wordsInside.length <= 2) continue;
    if (!attribution && wordsInside.length <= 8 && wordsInside.every((word) => /^[\p{Lu}\p{N}]/u.test(word))) continue;
    found.push({
      key: spanKey("quote", quotation.start, quotation.end),
      label: "quote",
      start: quotation.start,
      end: quotation.end,
      text: text.slice(quotation.start, quotation.end),
      score: attribution ? (carried ? 0.75 : 0.9) : wordsInside.length >= 5 ? 0.6 : 0.4,
      attributes: { direct: true, ...(attribution ? { speakerKey: linkSpeaker(attribution.speaker, context) } : {}) },
    });
  }
  const reportedClauses = findReported(text);
  // A partial quote inside reported speech ("…told reporters the offer was “fair and final”") is the reporter's source's.
  for (const quote of found) {
    if (quote.attributes.speakerKey) continue;
    const around = reportedClauses.find((reported) => reported.start <= quote.start && quote.end <= reported.end);
    if (around) [quote.attributes.speakerKey, quote.score] = [linkSpeaker(around.attribution.speaker, context), 0.7];
  }
  // Guidelines, rule 5: a quotation with no attribution in its paragraph ("she said" elsewhere, or one that
  // fills its paragraph) is the nearest actor's named before it, outside any quotation.
  const mentions = findMentions(text);
  const quotations = findQuotations(text);
  for (const quote of found) {
    if (quote.attributes.speakerKey) continue;
    const outside = (mention: Mention) => !quotations.some((other) => other.start <= mention.start && mention.end <= other.end);
    const nearest = mentions.findLast((mention) => mention.end <= quote.start && outside(mention));
    if (nearest) [quote.attributes.speakerKey, quote.score] = [linkSpeaker(nearest, context), Math.min(quote.score, 0.5)];
  }
  for (const reported of reportedClauses) {
    // "Okafor said the bridge was safe." and "The bridge was safe, Okafor said." alike (guidelines, "Indirect").
    if (reported.form === "after-source" || !SAYING_VERBS.has(reported.attribution.verbText)) continue;
    if (found.some((quote) => quote.start === reported.start && quote.end === reported.end)) continue;
    found.push({
      key: spanKey("quote", reported.start, reported.end),
      label: "quote",
      start: reported.start,
      end: reported.end,
      text: text.slice(reported.start, reported.end),
      score: reported.that ? 0.7 : reported.form === "before-source" ? 0.6 : 0.5,
      attributes: { direct: false, speakerKey: linkSpeaker(reported.attribution.speaker, context) },
    });
  }
  return found.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The attribution of a quotation: in its sentence, just after its closing mark or just before its opening one. */
function attributionOf(text: string, words: Word[], attributions: Attribution[], quotation: Quotation): Attribution | null {
  const after = attributions.find((attribution) => {
    const verb = words[attribution.verb]!;
    const anchor = attribution.before ? attribution.subject : verb.start;
    return anchor >= quotation.end && closeBy(text, words, quotation.end, Math.min(anchor, verb.start));
  });
  if (after) return after;
  const before = attributions.findLast((attribution) => {
    const verb = words[attribution.verb]!;
    const end = attribution.before ? verb.end : Math.max(verb.end, attribution.speaker.end);
    return end <= quotation.start && /^[\s,:—–-]*$/.test(text.slice(end, quotation.start).replace(/^ (to|told) [^.“"\n]{1,40}/, ""));
  });
  return before ?? null;
}

/** Whether only a comma, a few words and no sentence end lie between a quotation's end and its attribution. */
function closeBy(text: string, words: Word[], from: number, to: number): boolean {
  const between = text.slice(from, to);
  if (between.length > 60 || between.includes("\n") || /[“"«]/.test(between)) return false;
  // A stop ends the sentence unless it belongs to an abbreviation ("Mr. Smith said").
  const stops = [...between.matchAll(/[.!?]/g)].filter((stop) => {
    const word = words.find((candidate) => candidate.end === from + stop.index);
    return !word || !HONORIFIC_STOP.test(word.lower);
  });
  return stops.length === 0;
}

export const quotesSuggester: Suggester = { name: "builtin:quotes", version: "2", labels: ["quote"], suggest: findQuotes };
