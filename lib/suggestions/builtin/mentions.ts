/**
 * Named actors in a text: compromise's people and organisations (its lexicon and tagger know first names,
 * surnames, honorifics and company words), then rules for what it misses or mislabels: governments
 * ("the Interior Ministry", "the Kremlin", "the French government"), organisations by their suffix
 * ("Acme Holdings Inc.", "the Green Party", "the Serious Fraud Office") or their "of" form, which the
 * guidelines tag whole ("University of Tessaly", "Association of Veldorian Insurers"). compromise is loaded once and parses each text once: the
 * last text's mentions are kept, since the actors, quotes and claims suggesters of one run all ask.
 *
 * Precision rules: a mention must start with a capital letter (compromise calls "office" in "Merkel's
 * office" an organisation); a possessive's "'s" is left out; in a headline-like line (mostly capitalised
 * words, no final stop) a mention counts only if the same words appear in the body too, because title
 * case makes every word look like a name.
 */
import nlp from "compromise";
import type { ActorKind } from "@/lib/vocabulary";

export type Mention = { start: number; end: number; kind: ActorKind; canonicalName: string; score: number };

type Term = { text: string; tags: string[]; offset: { start: number; length: number } };
type Match = { terms: Term[] };

const GOVERNMENT_WORDS =
  /\b(government|ministry|department|kremlin|white house|downing street|pentagon|parliament|congress|senate|cabinet|council|commission|agency|authority|administration|bundestag|police|army|navy|treasury|state department|élysée|knesset|duma)\b/i;
const GOVERNMENT_NAMES = /\b(?:the )?(Kremlin|White House|Downing Street|Pentagon|Élysée Palace|Bundestag|Knesset|Congress|Parliament)\b/g;
/** "the Green Party", "Acme Widgets Ltd.", "the Ministry of Defence": capitalised words ending in an organisation's word. */
const SUFFIXED =
  /(?:(?!The |On |In |At |By |For |After |Monday |Tuesday |Wednesday |Thursday |Friday |Saturday |Sunday )(?:(?:\p{Lu}\.){2,}|\p{Lu}[\p{L}&'’-]*) ){1,4}(?:Inc\.|Ltd\.|Corp\.|LLC|plc|PLC|GmbH|Group|Holdings|Bank|University|Union|Party|Association|Foundation|Institute|Committee|Federation|League|Corporation|Airlines|Ministry|Council|Agency|Commission|Authority|Court|Police|Alliance|Movement|Office|Service|Network|Trust|Society|Board|Bureau|Fund|FC)(?: of(?: the)? \p{Lu}\p{L}+(?: \p{Lu}\p{L}+)?)?|(?:Ministry|Department|Bank|University|Association|Federation|Union|Institute|Office|Court|Council|League|Society|Board|Bureau) of(?: the)? \p{Lu}\p{L}+(?: (?:and )?\p{Lu}\p{L}+){0,2}/gu;
const NATIONAL_GOVERNMENT = /\b(?:the )?((?:[A-Z]\.){2,}|[A-Z][a-z]+(?:ian|ese|ish|ch|an|i)?) government\b/g;
const HONORIFIC =
  /^(Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|President|Prime|Minister|Chancellor|Senator|Governor|Mayor|Judge|Justice|King|Queen|Prince|Princess|Pope|General|Secretary|Chairman|Chairwoman|Chief|Director|Deputy|Foreign|Defence|Defense|Finance|Interior|Health|Vice|Ambassador|Speaker|Leader|Commissioner|Sheikh|Rabbi|Father|Sister|Bishop|Archbishop|Cardinal|Inspector|Detective|Officer|Professor|Doctor)\.?$/;

let lastText: string | null = null;
let lastMentions: Mention[] = [];

/** The named actors of a text, sorted by start, none overlapping. */
export function findMentions(text: string): Mention[] {
  if (text === lastText) return lastMentions;
  const doc = nlp(text);
  const found: Mention[] = [];
  // The terms' own offsets are what we need; the declared JsonProps do not list the nested options.
  const json = (view: { json: (options: object) => unknown }) => view.json({ offset: true, terms: { offset: true } }) as Match[];
  for (const match of json(doc.people())) addMatch(text, found, match, "person");
  for (const match of json(doc.organizations())) addMatch(text, found, match, "organization");
  for (const pattern of [GOVERNMENT_NAMES, NATIONAL_GOVERNMENT, SUFFIXED]) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index + (/^(the|The) /.test(match[0]) ? 4 : 0);
      const words = text.slice(start, match.index + match[0].length);
      const kind = GOVERNMENT_WORDS.test(words) ? "government" : "organization";
      add(found, { start, end: match.index + match[0].length, kind, canonicalName: "", score: 0.8 });
    }
  }
  const named = keepLongest(found).filter((mention) => !inHeadlineOnly(text, mention));
  const mentions = resolveNames(
    text,
    [...named, ...findRepeats(text, named)].sort((a, b) => a.start - b.start),
  );
  lastText = text;
  lastMentions = mentions;
  return mentions;
}

function addMatch(text: string, found: Mention[], match: Match, kind: ActorKind) {
  let terms = match.terms.filter((term) => text.slice(term.offset.start, term.offset.start + term.offset.length) === term.text);
  if (terms.length !== match.terms.length) return;
  // "the Interior Ministry": the article is not part of the name.
  while (terms.length && /^(the|a|an)$/i.test(terms[0]!.text)) terms = terms.slice(1);
  if (!terms.length || !/^\p{Lu}/u.test(terms[0]!.text)) return;
  if (terms.every((term) => HONORIFIC.test(term.text))) return;
  const first = terms[0]!;
  const last = terms.at(-1)!;
  let end = last.offset.start + last.offset.length;
  if (/['’]s$/.test(last.text)) end -= 2;
  // An abbreviation's stop is part of the name: "Acme Inc.", "Mr. Witkoff" (the inner ones are kept anyway).
  else if (text[end] === "." && (last.tags.includes("Abbreviation") || /^(Inc|Ltd|Corp|Co|Jr|Sr)$/.test(last.text))) end += 1;
  let start = first.offset.start;
  // "Health Minister Ana Silva": compromise leaves out a title's first words.
  if (kind === "person") {
    for (let before = /(\S+) $/.exec(text.slice(Math.max(0, start - 20), start)); before && HONORIFIC.test(before[1]!);) {
      start -= before[0].length;
      before = /(\S+) $/.exec(text.slice(Math.max(0, start - 20), start));
    }
  }
  const words = text.slice(start, end);
  const named = kind === "organization" && GOVERNMENT_WORDS.test(words) ? "government" : kind;
  add(found, { start, end, kind: named, canonicalName: "", score: kind === "person" ? 0.8 : 0.7 });
}

function add(found: Mention[], mention: Mention) {
  if (mention.end > mention.start) found.push(mention);
}

/** Overlapping mentions keep the longest (then the earliest). */
function keepLongest(found: Mention[]): Mention[] {
  const sorted = [...found].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Mention[] = [];
  for (const mention of sorted) if (!kept.some((other) => other.start < mention.end && mention.start < other.end)) kept.push(mention);
  return kept.sort((a, b) => a.start - b.start);
}

function lineOf(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset) + 1;
  const end = text.indexOf("\n", offset);
  return text.slice(start, end === -1 ? text.length : end);
}

function inHeadlineOnly(text: string, mention: Mention): boolean {
  const line = lineOf(text, mention.start);
  const words = line.match(/\p{L}+/gu) ?? [];
  const capitalised = words.filter((word) => /^\p{Lu}/u.test(word)).length;
  const headline = words.length >= 3 && capitalised / words.length >= 0.6 && !/[.!?”"]\s*$/.test(line);
  if (!headline) return false;
  const name = text.slice(mention.start, mention.end);
  return text.split(name).length <= 2;
}

/**
 * Every other occurrence of a name found once (guidelines: "tag every instance"): the same words, and a
 * person's surname alone ("Lindqvist" after "Mara Lindqvist"), where compromise did not see a name, say
 * at a sentence's start or before a possessive. Not inside a longer capitalised name ("the Lindqvist
 * Foundation") nor inside another mention.
 */
function findRepeats(text: string, mentions: Mention[]): Mention[] {
  const names = new Map<string, ActorKind>();
  for (const mention of mentions) {
    const words = text.slice(mention.start, mention.end).split(/\s+/);
    let at = 0;
    while (mention.kind === "person" && at < words.length - 1 && HONORIFIC.test(words[at]!)) at++;
    const bare = words.slice(at);
    if (!names.has(bare.join(" "))) names.set(bare.join(" "), mention.kind);
    const surname = bare.at(-1)!;
    if (mention.kind === "person" && bare.length > 1 && /^\p{Lu}\p{Ll}{2,}/u.test(surname) && !names.has(surname))
      names.set(surname, "person");
  }
  const taken = [...mentions];
  const repeats: Mention[] = [];
  for (const [name, kind] of names) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`, "gu");
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + name.length;
      if (taken.some((other) => other.start < end && start < other.end)) continue;
      if (/^ \p{Lu}/u.test(text.slice(end, end + 2)) || /\p{Lu}[\p{L}.]* $/u.test(text.slice(Math.max(0, start - 30), start))) continue;
      const mention = { start, end, kind, canonicalName: "", score: 0.7 };
      taken.push(mention);
      repeats.push(mention);
    }
  }
  return repeats;
}

/** The full name each mention stands for: "Mr. Witkoff" after "Steve Witkoff" is Steve Witkoff. */
function resolveNames(text: string, mentions: Mention[]): Mention[] {
  const fullNames: string[] = [];
  return mentions.map((mention) => {
    const words = text.slice(mention.start, mention.end).split(/\s+/);
    let at = 0;
    while (mention.kind === "person" && at < words.length - 1 && HONORIFIC.test(words[at]!)) at++;
    const bare = words.slice(at).join(" ");
    let canonicalName = bare;
    if (mention.kind === "person") {
      const surname = words.at(-1)!;
      const fuller = fullNames.find((name) => name !== bare && name.endsWith(` ${surname}`));
      if (fuller) canonicalName = fuller;
      else if (bare.includes(" ")) fullNames.push(bare);
    }
    return { ...mention, canonicalName };
  });
}
