/**
 * Scrape artifacts: paragraphs that are page furniture rather than article text. Detection aims for
 * precision (a false positive would silently drop a sentence of the article), so each rule matches whole
 * paragraphs made only of furniture. Import strips what is found unless told to keep it, and the article
 * records what was removed.
 */
import { isAuthorBio } from "./author-bio";
import { findDatelines } from "./dateline";

/** Why a paragraph was taken for furniture; "manual" when the user removed it in the import dialog. */
export type ArtifactReason =
  | "repeated-headline"
  | "byline"
  | "dateline"
  | "media-placeholder"
  | "share-buttons"
  | "reactions"
  | "navigation"
  | "author-bio"
  | "manual";

export type Artifact = { index: number; text: string; reason: ArtifactReason };

export const ARTIFACT_LABELS: Record<ArtifactReason, string> = {
  "repeated-headline": "repeats the headline",
  byline: "byline (kept as metadata)",
  dateline: "dateline (kept as the published date)",
  "media-placeholder": "image or media placeholder",
  "share-buttons": "share buttons",
  reactions: "reaction buttons",
  navigation: "page navigation",
  "author-bio": "author bio",
  manual: "removed by hand",
};

/** Lower case, straight apostrophes, single spaces, no edge punctuation: for comparing short lines. */
export function comparable(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\s+/g, " ")
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, "");
}

const MEDIA =
  /^(image|images|photo|photos|picture|video|watch|gallery|audio|listen|graphic|advertisement|advert|ad|sponsored|sponsored content|(image|photo|picture)( credit| source)?\s*:.{0,80})$/;
const NAVIGATION =
  /^(read more|continue reading|read next|related|related articles|related stories|recommended|most read|more from .{1,40}|sign up for (our|the) newsletter|subscribe to (our|the) newsletter|skip to (main )?content)$/;
const SHARE_WORDS = new Set([
  "share",
  "tweet",
  "facebook",
  "twitter",
  "x",
  "linkedin",
  "whatsapp",
  "telegram",
  "reddit",
  "pinterest",
  "messenger",
  "email",
  "e-mail",
  "mail",
  "print",
  "copy",
  "link",
  "sms",
  "bluesky",
  "threads",
]);
const SHARE_FILLER = new Set(["on", "via", "this", "the", "article", "story", "post", "to", "by", "click", "and", "or", "url"]);
const CORE_SHARE = new Set([
  "share",
  "tweet",
  "facebook",
  "twitter",
  "linkedin",
  "whatsapp",
  "pinterest",
  "email",
  "e-mail",
  "print",
  "copy",
]);
const REACTION_PROMPT = /^what's your reaction$/;
const REACTION_WORDS = new Set([
  "like",
  "dislike",
  "love",
  "funny",
  "angry",
  "sad",
  "wow",
  "haha",
  "happy",
  "unhappy",
  "excited",
  "bored",
  "confused",
  "surprised",
  "shocked",
  "cry",
  "lol",
  "omg",
  "win",
  "fail",
]);

function words(line: string): string[] {
  return line.split(/[\s|•·/,]+/).filter(Boolean);
}

function isShareButtons(line: string): boolean {
  const tokens = words(line);
  return (
    tokens.length > 0 &&
    tokens.length <= 12 &&
    tokens.every((word) => SHARE_WORDS.has(word) || SHARE_FILLER.has(word)) &&
    tokens.some((word) => CORE_SHARE.has(word))
  );
}

function isReactions(line: string): boolean {
  const tokens = words(line.replace(/\d+/g, " "));
  return tokens.length > 0 && tokens.length <= 8 && tokens.every((word) => REACTION_WORDS.has(word));
}

/**
 * "By Mara Lindqvist", "By MARA LINDQVIST and Tom Ek, Reuters", "By Reuters": a short line of capitalised
 * names. "By Tuesday, the council had voted." is a sentence, not a byline.
 */
export function isByline(text: string): boolean {
  const match = /^by\s+(.+)$/iu.exec(text);
  if (!match || text.includes("\n") || /[.!?]$/.test(text)) return false;
  const names = match[1]!.split(/\s+/);
  if (names.length > 10) return false;
  const leading = names.slice(0, Math.min(2, names.length)).map((name) => name.replace(/[,|]$/, ""));
  return leading.every((name) => /^\p{Lu}[\p{L}'’.-]*$/u.test(name));
}

/** The names of a byline ("By Jane Doe and Tom Ek, Reuters" gives Jane, Doe, Tom, Ek, Reuters). */
function bylineNames(byline: string): string[] {
  return byline
    .replace(/^by\s+/i, "")
    .split(/[\s,]+/)
    .filter((word) => /^\p{Lu}/u.test(word));
}

/** How many of the article's last paragraphs (furniture aside) may be author bios. */
const BIO_REACH = 3;

/**
 * Finds furniture among an article's paragraphs. `title` is the article's title, given or detected; a
 * byline is looked for among the first paragraphs only, datelines above the first sentence, author bios
 * among the last paragraphs that are not furniture.
 */
export function detectArtifacts(paragraphs: string[], title: string | undefined): Artifact[] {
  const headline = title ? comparable(title) : "";
  const datelines = new Set(findDatelines(paragraphs).map(({ index }) => index));
  const found: Artifact[] = [];
  let afterReactionPrompt = false;
  paragraphs.forEach((text, index) => {
    const line = comparable(text);
    let reason: ArtifactReason | null = null;
    if (headline && line === headline) reason = "repeated-headline";
    else if (index < 3 && isByline(text)) reason = "byline";
    else if (datelines.has(index)) reason = "dateline";
    else if (MEDIA.test(line)) reason = "media-placeholder";
    else if (NAVIGATION.test(line)) reason = "navigation";
    else if (REACTION_PROMPT.test(line)) reason = "reactions";
    else if (afterReactionPrompt && isReactions(line)) reason = "reactions";
    else if (isShareButtons(line)) reason = "share-buttons";
    if (reason === "reactions") afterReactionPrompt = true;
    if (reason) found.push({ index, text, reason });
  });
  const names = found.filter((artifact) => artifact.reason === "byline").flatMap((artifact) => bylineNames(artifact.text));
  const furniture = new Set(found.map((artifact) => artifact.index));
  // Bios close the article: only a run of them at its end counts (a bio-like sentence before the last
  // paragraph of the article is the article's).
  const lastParagraphs = paragraphs
    .map((_, index) => index)
    .filter((index) => index > 0 && !furniture.has(index))
    .slice(-BIO_REACH)
    .reverse();
  for (const index of lastParagraphs) {
    if (!isAuthorBio(paragraphs[index]!, names)) break;
    found.push({ index, text: paragraphs[index]!, reason: "author-bio" });
  }
  return found.sort((a, b) => a.index - b.index);
}
