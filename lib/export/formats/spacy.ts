/**
 * The `spacy` format: JSONL, one line per article, `{"text", "spans": [{start, end, label}], "meta": {id,
 * title}}`, offsets in code points because spaCy slices Python strings (`doc.char_span(start, end, label)`).
 * Margin's tags overlap, so load them into a span group (`doc.spans["sc"]`), not `doc.ents`, which refuses
 * overlaps. Spans are sorted by start, end, then label; tags whose offsets and label coincide stay two spans.
 */
import type { ExportArticle } from "@/lib/export/shape";
import type { FormatWriter } from "./types";

type SpacySpan = { start: number; end: number; label: string };

export function spacyLine(article: ExportArticle): string {
  const spans: SpacySpan[] = article.tags.map((tag) => ({ start: tag.start, end: tag.end, label: tag.label }));
  spans.sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return JSON.stringify({ text: article.text, spans, meta: { id: article.id, title: article.title } });
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
