/**
 * From a source (plain text, Markdown, HTML or .docx) to an article ready to store: blocks, detected
 * metadata and scrape artifacts (a "draft", what the import dialog previews), then the final canonical text
 * and rich content once the user's metadata and choices are applied. Deterministic: previewing and saving
 * the same source give the same paragraphs and artifact indexes.
 */
import mammoth from "mammoth";
import MarkdownIt from "markdown-it";
import { detectArtifacts, isByline, type Artifact } from "./artifacts";
import { canonicalize, cleanCharacters, countWords, isCanonical, paragraphsOf } from "./canonical-text";
import { blocksToDoc, docToText, inlineText, paragraphInlines, textToDoc, type ArticleDoc, type FlatBlock } from "./content";
import { earliestPublished, findDatelines } from "./dateline";
import { extractHtmlMetadata, htmlToBlocks, type HtmlMetadata } from "./html";
import { plainTextParagraphs } from "./plain-text";
import { chooseTitle, isHeadlineLike } from "./title";

export type SourceKind = "text" | "markdown" | "html" | "docx";
export type ArticleMetadata = HtmlMetadata;

export type Draft = {
  /** Every paragraph of the source, artifacts included, as blocks. */
  blocks: FlatBlock[];
  /** Metadata found in the source (HTML head, a first line, a byline). */
  detected: ArticleMetadata;
  /** The detected title was taken from the first paragraph, which is part of the article, not a headline. */
  titleIsFirstSentence?: boolean;
};

export type PreparedArticle = Required<Pick<ArticleMetadata, "title">> &
  Omit<ArticleMetadata, "title"> & {
    text: string;
    content: ArticleDoc;
    wordCount: number;
    removedArtifacts: Artifact[];
  };

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

export type DraftOptions = {
  /** The name of the file the source came in, a title when the text has no headline. */
  fileName?: string;
  /**
   * The source is an article's canonical text already (a dataset's): its paragraphs are kept as they are
   * and nothing is read from its furniture into metadata, so that the text and every offset stay exact.
   */
  verbatim?: boolean;
};

/**
 * Plain text's paragraphs as blocks, laid out by `plainTextParagraphs` (one paragraph per line, hard-wrapped
 * or as written). Wire copy often starts "Headline\nBy Someone" with no blank line between: a first line
 * followed by a byline line is split off, so that both can be recognised (and stripped) on their own.
 * Otherwise a paragraph stays whole: a hard-wrapped first line is not a headline.
 */
function textBlocks(text: string, verbatim: boolean): FlatBlock[] {
  const canonical = canonicalize(text);
  const paragraphs = verbatim ? paragraphsOf(canonical) : plainTextParagraphs(canonical);
  const lines = paragraphs[0]?.split("\n") ?? [];
  if (!verbatim && lines.length > 1 && isByline(lines[1]!)) {
    const body = lines.slice(2).join("\n");
    paragraphs.splice(0, 1, lines[0]!, lines[1]!, ...(body ? [body] : []));
  }
  return paragraphs.map((paragraph) => ({ kind: "paragraph", inlines: paragraphInlines(paragraph) }));
}

export async function draftFromSource(kind: SourceKind, source: string | Buffer, options: DraftOptions = {}): Promise<Draft> {
  if (kind === "docx") {
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.isBuffer(source) ? source : Buffer.from(source) });
    return withTextMetadata({ blocks: htmlToBlocks(html), detected: {} }, options);
  }
  const content = Buffer.isBuffer(source) ? source.toString("utf8") : source;
  if (kind === "html") return withTextMetadata({ blocks: htmlToBlocks(content), detected: extractHtmlMetadata(content) }, options);
  if (kind === "markdown") return withTextMetadata({ blocks: htmlToBlocks(markdown.render(content)), detected: {} }, options);
  return withTextMetadata({ blocks: textBlocks(content, options.verbatim === true), detected: {} }, options);
}

/**
 * Fills what the text itself reveals: a title (headline-like first line, file name or first words), a
 * "By …" line as byline, and the earliest date of the datelines above the article as its publication date.
 */
function withTextMetadata(draft: Draft, options: DraftOptions): Draft {
  const detected = { ...draft.detected };
  const paragraphs = draftParagraphs(draft);
  let titleIsFirstSentence = false;
  // A dateline or byline above the headline is not the headline ("Oct. 14, 2025" reads like one).
  const datelines = findDatelines(paragraphs);
  const headed = paragraphs.find((paragraph, index) => !datelines.some((found) => found.index === index) && !isByline(paragraph));
  const choice = detected.title ? null : chooseTitle(headed ?? "", options.fileName);
  if (choice) {
    detected.title = choice.title;
    // A lone paragraph is the article itself, however short, never a headline to strip.
    titleIsFirstSentence = choice.from !== "first-line" || draft.blocks.length === 1;
  }
  if (!detected.byline) {
    const byline = paragraphs.slice(0, 3).find(isByline);
    if (byline) detected.byline = byline;
  }
  if (!detected.publishedAt && !options.verbatim) {
    const published = earliestPublished(datelines);
    if (published) detected.publishedAt = published;
  }
  return { ...draft, detected, titleIsFirstSentence };
}

export function draftParagraphs(draft: Draft): string[] {
  return draft.blocks.map((block) => inlineText(block.inlines));
}

/** Artifacts of a draft for a given title (the user may change the detected one). */
export function draftArtifacts(draft: Draft, title: string | undefined): Artifact[] {
  const effective = title ?? draft.detected.title;
  const paragraphs = draftParagraphs(draft);
  const found = detectArtifacts(paragraphs, effective);
  // A title taken from the article's first sentence does not make that sentence a repeated headline, and
  // a first paragraph that ends like a sentence or a quotation is the article's, whatever the title (a
  // heading is a headline by its markup, however it ends).
  const ownSentence =
    (draft.titleIsFirstSentence && effective === draft.detected.title) ||
    (draft.blocks[0]?.kind !== "heading" && !isHeadlineLike(paragraphs[0] ?? ""));
  return ownSentence ? found.filter((artifact) => !(artifact.index === 0 && artifact.reason === "repeated-headline")) : found;
}

export type FinalizeOptions = {
  /** Metadata chosen by the user or the caller; wins over what was detected. */
  metadata?: ArticleMetadata;
  /** Keep every paragraph, furniture included. */
  keepArtifacts?: boolean;
  /** Paragraph indexes to remove instead of the detected artifacts (the import dialog's choice). */
  strip?: number[];
};

export type FinalizeFailure = { ok: false; reason: "no_text"; message: string };

/** Metadata strings as one clean line each, whatever their source (a page's head, a JSON file, a caller). */
function cleanMetadata(metadata: ArticleMetadata): ArticleMetadata {
  return Object.fromEntries(
    Object.entries(metadata)
      .map(([key, value]) => [key, typeof value === "string" ? cleanCharacters(value.replace(/\s+/g, " ")).trim() || undefined : value])
      .filter(([, value]) => value !== undefined),
  );
}

export function finalizeDraft(draft: Draft, options: FinalizeOptions = {}): { ok: true; value: PreparedArticle } | FinalizeFailure {
  const metadata = cleanMetadata({
    ...draft.detected,
    ...Object.fromEntries(Object.entries(options.metadata ?? {}).filter(([, value]) => value !== undefined)),
  });
  const paragraphs = draftParagraphs(draft);
  const detected = draftArtifacts(draft, metadata.title);
  const stripIndexes = options.keepArtifacts ? [] : (options.strip ?? detected.map((artifact) => artifact.index));
  const strip = new Set(stripIndexes.filter((index) => Number.isInteger(index) && index >= 0 && index < paragraphs.length));
  const removed = [...strip]
    .sort((a, b) => a - b)
    .map(
      (index) => detected.find((artifact) => artifact.index === index) ?? { index, text: paragraphs[index]!, reason: "manual" as const },
    );
  const kept = draft.blocks.filter((_, index) => !strip.has(index));
  let content = blocksToDoc(kept);
  let text = docToText(content);
  // The block builder keeps text canonical; should a source defeat it, fall back to the plain paragraphs so
  // that the stored text and the rich content can never disagree.
  if (!isCanonical(text)) {
    text = canonicalize(text);
    content = textToDoc(text);
  }
  if (!text) return { ok: false, reason: "no_text", message: "No article text found (after removing page furniture, nothing is left)" };
  const title = (metadata.title ?? paragraphsOf(text)[0]!.split("\n")[0]!).slice(0, 500);
  return { ok: true, value: { ...metadata, title, text, content, wordCount: countWords(text), removedArtifacts: removed } };
}

export type Preview = {
  detected: ArticleMetadata;
  /** Every paragraph of the source, furniture included; artifact indexes point into it. */
  paragraphs: string[];
  artifacts: Artifact[];
  /** The article as it would be stored with these choices, or why nothing would be. */
  result: { ok: true; title: string; text: string; wordCount: number; removed: number } | { ok: false; message: string };
};

/** What the import dialog shows before saving: the same steps as saving, without storing anything. */
export function previewDraft(draft: Draft, options: FinalizeOptions = {}): Preview {
  const prepared = finalizeDraft(draft, options);
  return {
    detected: draft.detected,
    paragraphs: draftParagraphs(draft),
    artifacts: draftArtifacts(draft, options.metadata?.title),
    result: prepared.ok
      ? {
          ok: true,
          title: prepared.value.title,
          text: prepared.value.text,
          wordCount: prepared.value.wordCount,
          removed: prepared.value.removedArtifacts.length,
        }
      : { ok: false, message: prepared.message },
  };
}
