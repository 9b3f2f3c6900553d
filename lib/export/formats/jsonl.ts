/**
 * The dataset's canonical serialization: one article as one line of JSON, keys in the order of
 * lib/export/shape.ts whatever order the input objects were built in, offsets in the requested unit. The
 * dataset version is the SHA-256 of these lines (each followed by "\n"), and the `json` format embeds the
 * very same strings, so both formats of one export share one version. Any change here changes every
 * dataset version: treat it as a format change (DATASET_FORMAT_VERSION).
 */
import { OffsetIndex, type OffsetUnit } from "@/lib/tags/offsets";
import type {
  ExportArticle,
  ExportAttributes,
  ExportPerson,
  ExportRelation,
  ExportReview,
  ExportSuggestion,
  ExportTag,
} from "@/lib/export/shape";
import type { FormatWriter } from "./types";

/** Maps a code-point offset of `text` to `unit`; the index is built only when a conversion is needed. */
export function offsetConverter(text: string, unit: OffsetUnit): (codePoint: number) => number {
  if (unit === "codepoint") return (codePoint) => codePoint;
  const index = new OffsetIndex(text);
  return (codePoint) => index.toUtf16(codePoint);
}

function orderPerson(person: ExportPerson): ExportPerson {
  return { id: person.id, email: person.email, name: person.name };
}

export function orderReview(review: ExportReview): ExportReview {
  return { reviewer: orderPerson(review.reviewer), decision: review.decision, at: review.at, comment: review.comment };
}

const ATTRIBUTE_KEYS = [
  "canonicalName",
  "kind",
  "actorId",
  "actorName",
  "speakerId",
  "direct",
  "sourceId",
  "value",
  "unit",
  "approximate",
] as const satisfies readonly (keyof ExportAttributes)[];

/** The attributes in the order of shape.ts; absent keys stay absent, nulls stay null. */
export function orderAttributes(attributes: ExportAttributes): ExportAttributes {
  const ordered: Record<string, unknown> = {};
  for (const key of ATTRIBUTE_KEYS) if (attributes[key] !== undefined) ordered[key] = attributes[key];
  return ordered as ExportAttributes;
}

function orderTag(tag: ExportTag, offset: (codePoint: number) => number): ExportTag {
  return {
    id: tag.id,
    label: tag.label,
    start: offset(tag.start),
    end: offset(tag.end),
    text: tag.text,
    prefix: tag.prefix,
    suffix: tag.suffix,
    authors: tag.authors.map(orderPerson),
    status: tag.status,
    reviews: tag.reviews.map(orderReview),
    attributes: orderAttributes(tag.attributes),
    note: tag.note,
    createdAt: tag.createdAt,
    updatedAt: tag.updatedAt,
  };
}

function orderRelation(relation: ExportRelation): ExportRelation {
  return { from: relation.from, to: relation.to, type: relation.type };
}

function orderSuggestion(suggestion: ExportSuggestion, offset: (codePoint: number) => number): ExportSuggestion {
  return {
    id: suggestion.id,
    suggester: suggestion.suggester,
    version: suggestion.version,
    label: suggestion.label,
    start: offset(suggestion.start),
    end: offset(suggestion.end),
    text: suggestion.text,
    score: suggestion.score,
    attributes: orderAttributes(suggestion.attributes),
  };
}

/**
 * One line of JSON, without its newline. `suggestions` comes last and only when the export includes them;
 * the dataset version hashes the line without it (pipeline.ts), so it never changes the version.
 */
export function serializeArticle(article: ExportArticle, unit: OffsetUnit): string {
  const offset = offsetConverter(article.text, unit);
  const ordered: ExportArticle = {
    id: article.id,
    title: article.title,
    byline: article.byline,
    source: article.source,
    url: article.url,
    publishedAt: article.publishedAt,
    language: article.language,
    status: article.status,
    text: article.text,
    tags: article.tags.map((tag) => orderTag(tag, offset)),
    relations: article.relations.map(orderRelation),
    ...(article.suggestions ? { suggestions: article.suggestions.map((suggestion) => orderSuggestion(suggestion, offset)) } : {}),
  };
  return JSON.stringify(ordered);
}

export function createJsonlWriter(unit: OffsetUnit): FormatWriter {
  return {
    format: "jsonl",
    contentType: "application/jsonl; charset=utf-8",
    extension: "jsonl",
    offsetUnit: unit,
    begin: () => "",
    article: (article) => `${serializeArticle(article, unit)}\n`,
    end: () => "",
  };
}
