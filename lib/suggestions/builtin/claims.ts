/**
 * builtin:claims: assertions reported with a source, outside quotation marks: "according to X, …",
 * "…, according to X", "X claims / argues / believes / expects / fears / estimates / warns / alleges /
 * denies (that) …", "a study by X found …", and with no actor for a source, "according to the report, …",
 * "the figures show …" (lib/suggestions/builtin/sourceless.ts). A clause reported with a verb of saying ("X said …") is an
 * indirect quote instead (guidelines, "Quotes or claims"), the quotes suggester's. The span is the reported
 * clause (lib/suggestions/builtin/reported.ts), the `sourceKey` the actor tag or suggestion of its source.
 * Precision first: a claim needs a named source, a group that speaks or a pronoun that resolves to a
 * person, and a clause of three words or more; quoted words are the quotes suggester's.
 */
import type { SuggestContext, Suggester, Suggestion } from "../suggester";
import { findMentions, type Mention } from "./mentions";
import { findQuotations } from "./quotation-marks";
import { findReported } from "./reported";
import { linkSpeaker } from "./speaker-link";
import { findSourcelessClaims } from "./sourceless";
import { SAYING_VERBS } from "./speech";
import { spanKey } from "./words";

const ASSERTING = new Set([
  "claimed",
  "claims",
  "argued",
  "argues",
  "insisted",
  "insists",
  "alleged",
  "alleges",
  "maintained",
  "maintains",
  "contended",
  "contends",
]);
const NOT_CLAIMS = new Set(["asked", "asks", "replied", "replies", "responded", "recalled", "recalls", "continued", "urged", "urges"]);

export function findClaims(text: string, context: SuggestContext = {}): Suggestion[] {
  const found: Suggestion[] = [];
  for (const reported of findReported(text)) {
    const verb = reported.attribution.verbText;
    if (NOT_CLAIMS.has(verb) || SAYING_VERBS.has(verb)) continue;
    if (found.some((claim) => claim.start === reported.start && claim.end === reported.end)) continue;
    found.push({
      key: spanKey("claim", reported.start, reported.end),
      label: "claim",
      start: reported.start,
      end: reported.end,
      text: text.slice(reported.start, reported.end),
      score: verb === "according to" || ASSERTING.has(verb) ? 0.8 : reported.that ? 0.75 : 0.65,
      attributes: { sourceKey: linkSpeaker(reported.attribution.speaker, context) },
    });
  }
  // A document's finding is its author's (guidelines, "Claim"), whom the article names before it: the
  // nearest actor named earlier, outside quotations, is the best guess, scored as one.
  const mentions = findMentions(text);
  const quotations = findQuotations(text);
  const outside = (mention: Mention) => !quotations.some((quotation) => quotation.start <= mention.start && mention.end <= quotation.end);
  for (const span of findSourcelessClaims(text)) {
    if (found.some((claim) => claim.start < span.end && span.start < claim.end)) continue;
    const author = mentions.findLast((mention) => mention.end <= span.start && outside(mention));
    found.push({
      key: spanKey("claim", span.start, span.end),
      label: "claim",
      start: span.start,
      end: span.end,
      text: text.slice(span.start, span.end),
      score: 0.6,
      attributes: author ? { sourceKey: linkSpeaker(author, context) } : {},
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

export const claimsSuggester: Suggester = { name: "builtin:claims", version: "2", labels: ["claim"], suggest: findClaims };
