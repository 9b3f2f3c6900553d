/**
 * The gold set's authoring format (bench/gold/articles/*.txt, rules in bench/gold/guidelines.md): an article
 * written as a reviewer reads it, its tags inline, so that a wrong span is visible on the page rather than
 * hidden in a list of numbers.
 *
 *     title: Council votes to close the Brennick Road bridge
 *     actor lind person Mara Lindqvist
 *     actor council government Harrow City Council
 *     ---
 *     [[actor:lind|Mara Lindqvist]] said [[quote speaker=lind indirect|the bridge was safe]] …
 *
 * Above `---`: the title and the article's actors (key, kind, canonical name). Below: the body, whose tags are
 * `[[label attributes|words]]`, nested where words belong to two tags (an actor inside a quote). An actor
 * tag names its actor by key (`[[actor:lind|Lindqvist]]`); a quote's `speaker=` and a claim's `source=` name
 * an actor key, and the link goes to that actor's mention nearest the quote (see `linkMention`); a figure
 * spells out `value=`, `unit=` and `approx`, never read from its words, since the gold set is what a reader of
 * figures is measured against. Offsets come out in UTF-16 code units and code points, and every tag's text is
 * checked against its offsets: the file cannot say one thing and the offsets another.
 */
import { isCanonical, PARAGRAPH_SEPARATOR } from "@/lib/articles/canonical-text";
import { OffsetIndex } from "@/lib/tags/offsets";
import { ACTOR_KINDS, type ActorKind, type Label, LABELS } from "@/lib/vocabulary";

export type GoldAttributes = {
  /** actor: the article's actor key, its canonical name and kind. */
  actor?: string;
  canonicalName?: string;
  kind?: ActorKind;
  /** quote: the actor tag that speaks (its id), its actor key, and whether the words are the speaker's own. */
  speakerId?: string;
  speakerActor?: string;
  direct?: boolean;
  /** claim: the actor tag that makes the claim, when an actor does. */
  sourceId?: string;
  sourceActor?: string;
  /** figure */
  value?: number | null;
  unit?: string | null;
  approximate?: boolean;
};

export type GoldTag = {
  id: string;
  label: Label;
  /** UTF-16 code units, end exclusive: text.slice(start, end) === tag.text. */
  start: number;
  end: number;
  /** The same span in Unicode code points, the unit Margin stores and exports. */
  startCodePoint: number;
  endCodePoint: number;
  text: string;
  attributes: GoldAttributes;
};

export type GoldActor = { key: string; kind: ActorKind; canonicalName: string };

export type GoldArticle = { id: string; title: string; text: string; actors: GoldActor[]; tags: GoldTag[] };

export class GoldMarkupError extends Error {
  constructor(article: string, message: string) {
    super(`${article}: ${message}`);
  }
}

type OpenTag = { label: Label; key?: string; attributes: Map<string, string | true>; start: number; at: number };
type RawTag = Omit<OpenTag, "at"> & { end: number };

const OPEN = /\[\[([a-z]+)(?::([\w-]+))?((?:\s+[\w-]+(?:=(?:"[^"]*"|[^\s|"]+))?)*)\s*\|/y;
const ATTRIBUTE = /([\w-]+)(?:=(?:"([^"]*)"|([^\s|"]+)))?/g;

export function parseGoldArticle(id: string, source: string): GoldArticle {
  const fail = (message: string): never => {
    throw new GoldMarkupError(id, message);
  };
  const divider = source.indexOf("\n---\n");
  if (divider < 0) fail("no `---` line between the header and the body");
  const { title, actors } = parseHeader(source.slice(0, divider), fail);
  const body = source.slice(divider + 5).trim();

  // One pass over the body: markup opens and closes tags, everything else is the article's text.
  let text = "";
  const open: OpenTag[] = [];
  const raw: RawTag[] = [];
  for (let at = 0; at < body.length;) {
    OPEN.lastIndex = at;
    const opening = OPEN.exec(body);
    if (opening) {
      const label = opening[1] as Label;
      if (!LABELS.includes(label)) fail(`unknown label "${label}" at body offset ${at}`);
      const attributes = new Map<string, string | true>();
      for (const [, name, quoted, bare] of opening[3]!.matchAll(ATTRIBUTE)) attributes.set(name!, quoted ?? bare ?? true);
      open.push({ label, key: opening[2], attributes, start: text.length, at });
      at = OPEN.lastIndex;
    } else if (body.startsWith("]]", at)) {
      const tag = open.pop() ?? fail(`"]]" without a tag to close at body offset ${at}`);
      if (text.length === tag.start) fail(`empty ${tag.label} tag at body offset ${tag.at}`);
      raw.push({ label: tag.label, key: tag.key, attributes: tag.attributes, start: tag.start, end: text.length });
      at += 2;
    } else if (body.startsWith("[[", at) || body[at] === "|" || body.startsWith("]]", at)) {
      fail(`stray markup at body offset ${at}: ${JSON.stringify(body.slice(at, at + 40))}`);
    } else {
      text += body[at];
      at += 1;
    }
  }
  if (open.length) fail(`${open[0]!.label} tag at body offset ${open[0]!.at} is never closed`);
  if (!isCanonical(text)) fail("the text is not canonical (blank lines, spaces at line edges or unnormalised characters)");

  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const byKey = new Map(actors.map((actor) => [actor.key, actor]));
  const offsets = new OffsetIndex(text);
  const tags: GoldTag[] = raw.map((tag, index) => ({
    id: `${tag.label}-${index + 1}`,
    label: tag.label,
    start: tag.start,
    end: tag.end,
    startCodePoint: offsets.toCodePoint(tag.start),
    endCodePoint: offsets.toCodePoint(tag.end),
    text: text.slice(tag.start, tag.end),
    attributes: {},
  }));
  raw.forEach((tag, index) => {
    tags[index]!.attributes = attributesOf(tag, tags, raw, byKey, text, (message) =>
      fail(`${tag.label} ${JSON.stringify(text.slice(tag.start, tag.end))}: ${message}`),
    );
  });
  return { id, title, text, actors, tags };
}

function parseHeader(header: string, fail: (message: string) => never): { title: string; actors: GoldActor[] } {
  let title = "";
  const actors: GoldActor[] = [];
  for (const line of header.split("\n").map((each) => each.trim())) {
    if (!line) continue;
    const titled = /^title:\s*(.+)$/.exec(line);
    const actor = /^actor\s+([\w-]+)\s+([a-z]+)\s+(.+)$/.exec(line);
    if (titled) title = titled[1]!;
    else if (actor) {
      const [, key, kind, canonicalName] = actor;
      if (!(ACTOR_KINDS as readonly string[]).includes(kind!)) fail(`actor ${key}: unknown kind "${kind}"`);
      if (actors.some((known) => known.key === key)) fail(`actor ${key} is declared twice`);
      actors.push({ key: key!, kind: kind as ActorKind, canonicalName: canonicalName! });
    } else fail(`header line not understood: ${JSON.stringify(line)}`);
  }
  if (!title) fail("no title");
  return { title, actors };
}

const ALLOWED: Record<Label, readonly string[]> = {
  actor: [],
  quote: ["speaker", "indirect"],
  claim: ["source"],
  figure: ["value", "unit", "approx"],
};

function attributesOf(
  tag: RawTag,
  tags: GoldTag[],
  raw: RawTag[],
  actors: Map<string, GoldActor>,
  text: string,
  fail: (message: string) => never,
): GoldAttributes {
  for (const name of tag.attributes.keys()) if (!ALLOWED[tag.label].includes(name)) fail(`unexpected attribute "${name}"`);
  if (tag.label !== "actor" && tag.key) fail(`only actor tags take a key`);
  const string = (name: string) => {
    const value = tag.attributes.get(name);
    if (value === true) fail(`${name} needs a value`);
    return value as string | undefined;
  };
  const link = (name: string) => {
    const written = string(name);
    if (written === undefined) return undefined;
    const [, key, side] = /^(.*?)([<>]?)$/.exec(written)!;
    if (!actors.has(key!)) fail(`${name}=${key} is not a declared actor`);
    const mention = linkMention(text, tag, raw, key!, side as "" | "<" | ">");
    if (mention < 0) fail(`${name}=${key} has no actor tag in the text`);
    return { id: tags[mention]!.id, actor: key };
  };
  switch (tag.label) {
    case "actor": {
      const actor = actors.get(tag.key ?? "") ?? fail(`actor tag with unknown key "${tag.key}"`);
      return { actor: actor.key, canonicalName: actor.canonicalName, kind: actor.kind };
    }
    case "quote": {
      const speaker = link("speaker") ?? fail("a quote needs a speaker");
      return { speakerId: speaker.id, speakerActor: speaker.actor, direct: !tag.attributes.has("indirect") };
    }
    case "claim": {
      const source = link("source");
      return source ? { sourceId: source.id, sourceActor: source.actor } : {};
    }
    case "figure": {
      const written = string("value") ?? fail("a figure needs value= (a number, or null)");
      const value = written === "null" ? null : Number(written);
      if (value !== null && !Number.isFinite(value)) fail(`value=${written} is not a number`);
      const unit = string("unit") ?? fail('a figure needs unit= (unit="null" when it has none)');
      return { value, unit: unit === "null" ? null : unit, approximate: tag.attributes.has("approx") };
    }
  }
}

/**
 * Which of an actor's mentions a quote or claim links to: the nearest one in the paragraphs the quote spans
 * (the attribution, usually), else the nearest one before it, else the nearest after. Mentions inside the
 * quote itself are the speaker talking about themselves, not the attribution. Where the nearest is not the
 * attribution, the file says which side it is on: `speaker=key<` (the nearest before) or `speaker=key>`.
 */
function linkMention(text: string, from: RawTag, raw: RawTag[], key: string, side: "" | "<" | ">"): number {
  const paragraphStart = text.lastIndexOf(PARAGRAPH_SEPARATOR, from.start) + 1;
  const nextBreak = text.indexOf(PARAGRAPH_SEPARATOR, from.end);
  const paragraphEnd = nextBreak < 0 ? text.length : nextBreak;
  const gap = (tag: RawTag) => (tag.end <= from.start ? from.start - tag.end : tag.start - from.end);
  const mentions = raw
    .map((tag, index) => ({ tag, index }))
    .filter(({ tag }) => tag.label === "actor" && tag.key === key && (tag.end <= from.start || tag.start >= from.end))
    .filter(({ tag }) => (side === "<" ? tag.end <= from.start : side === ">" ? tag.start >= from.end : true));
  const nearest = (candidates: typeof mentions) =>
    candidates.reduce<(typeof mentions)[number] | undefined>(
      (best, each) => (!best || gap(each.tag) < gap(best.tag) ? each : best),
      undefined,
    );
  const inParagraph = nearest(mentions.filter(({ tag }) => tag.start >= paragraphStart && tag.end <= paragraphEnd));
  const before = nearest(mentions.filter(({ tag }) => tag.end <= from.start));
  return (inParagraph ?? before ?? nearest(mentions))?.index ?? -1;
}
