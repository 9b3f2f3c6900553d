/**
 * The `spacy` format (spaCy and Prodigy): JSONL, one line per article, `{"text", "tokens", "spans", "meta":
 * {id, title}}`, offsets in code points because spaCy and Prodigy slice Python strings
 * (`doc.char_span(start, end, label)`). Margin's tags overlap, so load them into a span group
 * (`doc.spans["sc"]`), not `doc.ents`, which refuses overlaps.
 *
 * `tokens` is Prodigy's token list, `{text, start, end, id, ws}`: the words of lib/text/tokens.ts, and, as
 * spaCy tokenizes, whitespace other than one space after a token as tokens of their own ("\n\n" between
 * paragraphs), so that joining each token's text with a space where `ws` is true gives the text back
 * exactly (spaCy's `Doc(vocab, words, spaces)` rebuilds it). A tag that starts or ends inside a token splits
 * that token there (the first part gets `ws: false`), so every span's edges fall on token edges: spaCy's
 * `char_span` finds every span, and each span names its tokens with `token_start` and `token_end`, the
 * ids of its first and last token (inclusive, as Prodigy counts). Spans are sorted by start, end, then
 * label; tags whose offsets and label coincide stay two spans.
 */
import { OffsetIndex } from "@/lib/tags/offsets";
import type { ExportArticle } from "@/lib/export/shape";
import { tokenize } from "@/lib/text/tokens";
import type { FormatWriter } from "./types";

export type ProdigyToken = { text: string; start: number; end: number; id: number; ws: boolean };
type SpacySpan = { start: number; end: number; label: string; token_start: number; token_end: number };

/** [start, end) in UTF-16 units, and whether one space follows that belongs to the token. */
type Piece = { start: number; end: number; ws: boolean };

/** Words and whitespace runs covering the whole text, spaCy's way (see the header). */
function pieces(text: string): Piece[] {
  const result: Piece[] = [];
  let at = 0;
  const gap = (until: number) => {
    // One space right after a word is that word's trailing whitespace; any other whitespace is a token.
    const previous = result.at(-1);
    if (previous && !previous.ws && at < until && text[at] === " ") {
      previous.ws = true;
      at++;
    }
    if (at < until) result.push({ start: at, end: until, ws: false });
    at = until;
  };
  for (const token of tokenize(text)) {
    gap(token.start);
    result.push({ start: token.start, end: token.end, ws: false });
    at = token.end;
  }
  gap(text.length);
  return result;
}

/**
 * `pieces` cut at every tag edge (UTF-16) that falls strictly inside one. A word's own space goes into a
 * token of its own when a tag starts on it or ends just after it (a token must start, or end, there).
 */
function splitAt(all: Piece[], starts: Set<number>, ends: Set<number>): Piece[] {
  const cuts = [...new Set([...starts, ...ends])].sort((a, b) => a - b);
  const result: Piece[] = [];
  let next = 0;
  for (const piece of all) {
    while (next < cuts.length && cuts[next]! <= piece.start) next++;
    let start = piece.start;
    for (; next < cuts.length && cuts[next]! < piece.end; next++) {
      result.push({ start, end: cuts[next]!, ws: false });
      start = cuts[next]!;
    }
    const spaceAlone = piece.ws && (starts.has(piece.end) || ends.has(piece.end + 1));
    result.push({ start, end: piece.end, ws: piece.ws && !spaceAlone });
    if (spaceAlone) result.push({ start: piece.end, end: piece.end + 1, ws: false });
  }
  return result;
}

export function spacyDoc(article: ExportArticle) {
  const index = new OffsetIndex(article.text);
  const starts = new Set(article.tags.map((tag) => index.toUtf16(tag.start)));
  const ends = new Set(article.tags.map((tag) => index.toUtf16(tag.end)));
  const tokens: ProdigyToken[] = splitAt(pieces(article.text), starts, ends).map((piece, id) => ({
    text: article.text.slice(piece.start, piece.end),
    start: index.toCodePoint(piece.start),
    end: index.toCodePoint(piece.end),
    id,
    ws: piece.ws,
  }));
  const byStart = new Map(tokens.map((token) => [token.start, token.id]));
  const byEnd = new Map(tokens.map((token) => [token.end, token.id]));
  const spans: SpacySpan[] = article.tags.map((tag) => ({
    start: tag.start,
    end: tag.end,
    label: tag.label,
    // Every tag edge is a token edge by construction.
    token_start: byStart.get(tag.start)!,
    token_end: byEnd.get(tag.end)!,
  }));
  spans.sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return { text: article.text, tokens, spans, meta: { id: article.id, title: article.title } };
}

export function spacyLine(article: ExportArticle): string {
  return JSON.stringify(spacyDoc(article));
}

export function createSpacyWriter(): FormatWriter {
  return {
    format: "spacy",
    contentType: "application/jsonl; charset=utf-8",
    extension: "jsonl",
    offsetUnit: "codepoint",
    begin: () => "",
    article: (article) => `${spacyLine(article)}\n`,
    end: () => "",
  };
}
