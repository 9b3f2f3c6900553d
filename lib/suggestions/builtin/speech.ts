/**
 * Who says what: each attribution verb ("said", "told", "warned", "according to") with its speaker, found
 * in the words around it. The quotes and claims suggesters read a speaker from here, and the actors
 * suggester adds the groups found here ("officials", "local residents", "police"): a group noun is an
 * actor only when it speaks or is cited, since "residents" elsewhere is just a word (precision first).
 *
 * Speakers, in the order tried: a named mention (lib/suggestions/builtin/mentions.ts) right before the
 * verb ("Smith said", "Smith, the mayor, said", "Smith, a professor at the University of X, said", "Smith
 * also said") or right after it when the verb follows a comma or a closing quote ("…,” said Smith"); the
 * name before "who" ("…, according to Smith, who said") or the sentence's subject before "and said"; a
 * group noun phrase in the same places, also before a relative clause ("Residents who live nearby said");
 * a pronoun ("she said"), which stands for the nearest person named before it.
 */
import type { ActorKind } from "@/lib/vocabulary";
import { findMentions, type Mention } from "./mentions";
import { readWords, type Word } from "./words";

/** `group`: a group noun phrase; `guessed`: capitalised words next to the verb that no mention covers ("said Okafor"). */
export type Speaker = { start: number; end: number; kind: ActorKind; canonicalName: string; group: boolean; guessed?: boolean };
export type Attribution = {
  /** Word index of the verb ("said") or of "according". */
  verb: number;
  verbText: string;
  /** Whether the speaker comes before the verb ("Smith said") rather than after it ("said Smith"). */
  before: boolean;
  /** Where the speaker's words are in this sentence: the pronoun of "he said", else the speaker's start. */
  subject: number;
  speaker: Speaker;
};

export const SPEECH_VERBS = new Set(
  "said says say told tells tell added adds stated states explained explains wrote writes tweeted posted announced announces noted notes argued argues argue claimed claims claim insisted insists insist warned warns warn alleged alleges allege maintained maintains asked asks replied replies responded acknowledged admitted admits confirmed confirms denied denies deny estimated estimates estimate predicted predicts predict recalled recalls continued urged urges suggested suggests suggest contended contends stressed stresses concluded concludes conclude believe believes believed fear fears feared expect expects accused accuses blamed blames found finds find show shows showed repeated".split(
    " ",
  ),
);
/**
 * Verbs of saying: the clause they report is an indirect quote, never a claim (guidelines, "Quotes or
 * claims"); the other verbs above assert, believe, estimate or find, and report claims.
 */
export const SAYING_VERBS = new Set(
  "said says say told tells tell added adds stated states explained explains wrote writes tweeted posted announced announces noted notes replied replies repeated confirmed confirms".split(
    " ",
  ),
);
const GROUP_NOUNS = new Set(
  "officials residents witness protesters protestors police authorities analysts experts witnesses critics activists economists investigators prosecutors lawmakers legislators doctors nurses teachers workers farmers locals organisers organizers campaigners scientists researchers diplomats officers unions villagers parents students voters shopkeepers firefighters paramedics rescuers volunteers opponents supporters observers leaders executives employees staff members neighbours neighbors survivors victims families fishermen traders landlords tenants retailers fans businesses scientists".split(
    " ",
  ),
);
/** Nouns that stand for one actor named elsewhere ("the ministry said"), with the kind of that actor. */
const STAND_INS: Record<string, ActorKind> = {
  ministry: "government",
  government: "government",
  council: "government",
  agency: "government",
  department: "government",
  police: "government",
  authorities: "government",
  company: "organization",
  firm: "organization",
  spokesperson: "person",
  spokesman: "person",
  spokeswoman: "person",
  union: "organization",
  party: "organization",
};
const PRONOUNS = new Set(["he", "she"]);
/** Words allowed between a speaker and the verb: "Smith also said", "police later said". */
const BETWEEN = new Set(["also", "later", "previously", "then", "had", "has", "have", "once", "again", "repeatedly", "separately"]);
const MODIFIER =
  /^(\p{Lu}[\p{L}.]*|local|senior|federal|state|city|county|regional|national|foreign|western|many|some|several|other|two|three|hospital|health|security|government|military|election|union|company|party|police|village|opposition|rescue|border|district|school|top|former)$/u;

let last: { text: string; attributions: Attribution[] } | null = null;

export function findAttributions(text: string): Attribution[] {
  if (last?.text === text) return last.attributions;
  const { words } = readWords(text);
  const mentions = findMentions(text);
  const mentionEndingAt = new Map<number, Mention>();
  const mentionStartingAt = new Map<number, Mention>();
  for (const mention of mentions) {
    mentionEndingAt.set(mention.end, mention);
    mentionStartingAt.set(mention.start, mention);
  }
  const attributions: Attribution[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    if (word.lower === "according" && words[index + 1]?.lower === "to") {
      const speaker = speakerAfter(text, words, index + 2, mentionStartingAt);
      if (speaker) attributions.push({ verb: index, verbText: "according to", before: false, subject: speaker.start, speaker });
      continue;
    }
    if (!SPEECH_VERBS.has(word.lower)) continue;
    const speaker = speakerBefore(text, words, index, mentionEndingAt, mentions);
    if (speaker) {
      const subject = pronounBefore(words, index) ?? speaker.start;
      attributions.push({ verb: index, verbText: word.lower, before: true, subject, speaker });
      continue;
    }
    // "…,” said Smith": inversion follows a comma or a closing quote.
    const previous = words[index - 1];
    if (previous && /^[,”"’]$/.test(previous.text)) {
      const after = speakerAfter(text, words, index + 1, mentionStartingAt);
      if (after) attributions.push({ verb: index, verbText: word.lower, before: false, subject: after.start, speaker: after });
    }
  }
  last = { text, attributions };
  return attributions;
}

function fromMention(mention: Mention): Speaker {
  return { start: mention.start, end: mention.end, kind: mention.kind, canonicalName: mention.canonicalName, group: false };
}

function speakerBefore(text: string, words: Word[], verb: number, endingAt: Map<number, Mention>, mentions: Mention[]): Speaker | null {
  let at = verb - 1;
  while (at >= 0 && BETWEEN.has(words[at]!.lower)) at--;
  // "Sen. Mary Jones (D-Ore.) said": a short parenthesis between the speaker and the verb.
  if (words[at]?.text === ")") {
    let open = at - 1;
    while (open > at - 8 && open > 0 && words[open]!.text !== "(") open--;
    if (words[open]?.text === "(") at = open - 1;
  }
  const word = words[at];
  if (!word || word.sentence !== words[verb]!.sentence) return null;
  // "…, according to Bianchi, who said": the relative pronoun stands for the name before its comma.
  if (word.lower === "who" && words[at - 1]?.text === ",") {
    const antecedent = endingAt.get(words[at - 2]?.end ?? -1);
    if (antecedent) return fromMention(antecedent);
  }
  // "The Federation blamed the scanners and said": a second verb of the sentence's subject.
  if (word.lower === "and") {
    const [first] = sentenceOf(words, at);
    const opening = words[first]!.lower === "the" ? first + 1 : first;
    const subject = mentions.find((mention) => mention.start === words[opening]?.start);
    if (subject) return fromMention(subject);
    return null;
  }
  const named = endingAt.get(word.end);
  if (named) return fromMention(named);
  // "Ana Silva, a professor at the University of Tessaly, said": an apposition that describes (it starts in
  // lowercase) names where the speaker works, and the speaker is the name before it.
  if (word.text === ",") {
    for (let back = at - 1; back >= Math.max(1, at - 12); back--) {
      if (words[back]!.text !== ",") continue;
      const mention = endingAt.get(words[back - 1]!.end);
      if (mention && /^\p{Ll}/u.test(words[back + 1]?.text ?? "")) return fromMention(mention);
      break;
    }
  }
  // "The chief executive, Paul Brennan, said": the name is the apposition.
  if (word.text === ",") {
    const apposition = endingAt.get(words[at - 1]?.end ?? -1);
    if (apposition) return fromMention(apposition);
  }
  // "Smith, the city's mayor, said": an apposition between commas.
  if (word.text === ",") {
    for (let back = at - 1; back >= Math.max(0, at - 10); back--) {
      if (words[back]!.text !== ",") continue;
      const mention = endingAt.get(words[back - 1]?.end ?? -1);
      if (mention) return fromMention(mention);
      break;
    }
  }
  if (PRONOUNS.has(word.lower)) return resolvePronoun(mentions, word.start);
  return groupEndingAt(text, words, at) ?? nameAround(text, words, at, -1) ?? relativeSubject(text, words, at, endingAt);
}

function speakerAfter(text: string, words: Word[], from: number, startingAt: Map<number, Mention>): Speaker | null {
  let at = from;
  if (words[at]?.lower === "the") at++;
  const word = words[at];
  if (!word) return null;
  const named = startingAt.get(word.start);
  if (named) return fromMention(named);
  // "according to officials", "said local residents"
  let end = at;
  const isNoun = (word: Word | undefined) => word !== undefined && (GROUP_NOUNS.has(word.lower) || word.lower in STAND_INS);
  while (words[end] && MODIFIER.test(words[end]!.text) && !isNoun(words[end]) && end - at < 3) end++;
  if (isNoun(words[end])) return groupEndingAt(text, words, end);
  return nameAround(text, words, from, 1);
}

/** "Residents who spoke at the meeting said": the noun before a "who" a few words back is the subject. */
function relativeSubject(text: string, words: Word[], at: number, endingAt: Map<number, Mention>): Speaker | null {
  for (let back = at; back > Math.max(0, at - 8); back--) {
    const word = words[back]!;
    if (word.sentence !== words[at]!.sentence || /^[,;:.“”"]$/.test(word.text)) return null;
    if (word.lower !== "who") continue;
    const named = endingAt.get(words[back - 1]!.end);
    return named ? fromMention(named) : groupEndingAt(text, words, back - 1);
  }
  return null;
}

/** The sentence of word `at` as [its first word, its last word + 1]. */
function sentenceOf(words: Word[], at: number): [number, number] {
  let first = at;
  while (first > 0 && words[first - 1]!.sentence === words[at]!.sentence) first--;
  return [first, at + 1];
}

/** A group noun phrase whose noun is word `at`: "officials", "senior U.S. officials", "local residents". */
function groupEndingAt(text: string, words: Word[], at: number): Speaker | null {
  const noun = words[at];
  if (!noun || !(GROUP_NOUNS.has(noun.lower) || noun.lower in STAND_INS)) return null;
  let first = at;
  while (first > 0 && at - first < 3 && MODIFIER.test(words[first - 1]!.text) && words[first - 1]!.sentence === noun.sentence) {
    first--;
  }
  // "The officials said": the article is not part of the group's name.
  while (first < at && /^(the|a|an|many|some|several)$/i.test(words[first]!.text)) first++;
  const start = words[first]!.start;
  const name = text.slice(start, noun.end);
  return { start, end: noun.end, kind: STAND_INS[noun.lower] ?? "group", canonicalName: name, group: true };
}

/** Capitalised words that are no one's name: pronouns ("I said", "They say"), months and days ("in March found"). */
const NOT_NAMES = new Set(
  "i we they you he she it january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday".split(
    " ",
  ),
);
const SENTENCE_OPENERS = new Set("the a an but and so yet on in at as after before when while then this that it".split(" "));
const ORGANIZATION_END =
  /^(Inc|Ltd|Corp|Group|Bank|Party|Union|Council|Ministry|Agency|Commission|Authority|Police|News|Times|Post|Press|Reuters|AFP|AP|BBC)\.?$/;

/** One to four capitalised words from word `at` going `step` (-1 back, 1 forward), not a sentence's opening word. */
function nameAround(text: string, words: Word[], at: number, step: -1 | 1): Speaker | null {
  const sentence = words[at]?.sentence;
  let end = at;
  const capital = (index: number) => {
    const word = words[index];
    // "I said": the writer or a quoted speaker's own voice is not a name.
    return (
      word !== undefined &&
      word.sentence === sentence &&
      /^\p{Lu}[\p{L}’'.-]*$/u.test(word.text) &&
      !SENTENCE_OPENERS.has(word.lower) &&
      !NOT_NAMES.has(word.lower)
    );
  };
  if (!capital(at)) return null;
  while (Math.abs(end + step - at) < 4 && capital(end + step)) end += step;
  const [first, last] = step === 1 ? [at, end] : [end, at];
  const start = words[first]!.start;
  const stop = words[last]!.end;
  const name = text.slice(start, stop);
  const kind: ActorKind = ORGANIZATION_END.test(words[last]!.text) ? "organization" : "person";
  return { start, end: stop, kind, canonicalName: name, group: false, guessed: true };
}

/** The offset of "she" in "she said" or "she later said", if that is the verb's subject. */
function pronounBefore(words: Word[], verb: number): number | null {
  let at = verb - 1;
  while (at >= 0 && BETWEEN.has(words[at]!.lower)) at--;
  return at >= 0 && PRONOUNS.has(words[at]!.lower) ? words[at]!.start : null;
}

/** "she said": the nearest person named before it. */
function resolvePronoun(mentions: Mention[], offset: number): Speaker | null {
  for (let index = mentions.length - 1; index >= 0; index--) {
    const mention = mentions[index]!;
    if (mention.end <= offset && mention.kind === "person") return fromMention(mention);
  }
  return null;
}
