/**
 * From the projection's rows to the dataset's article shape (lib/export/shape.ts), in code points. Pure:
 * data.ts reads the rows, this decides what a tag looks like in the dataset, so the rules below are tested
 * without a database:
 * - tags ordered by start, end, then id (compared as strings of UTF-16 code units, never by a collation);
 * - a tag's text, prefix and suffix are cut from the article's text by its offsets, so the slice property
 *   holds by construction;
 * - relations list only links whose target tag is in the same export; a link to a tag the filters left
 *   out stays in the attributes (it is what was recorded) but has no edge;
 * - an actor tag's record is the root its stored actorId counts for, with that root's name (actorLinks,
 *   from the registry read once per export), or none when it names no record of the project;
 * - a decision Margin took itself (reviewer null) names the reviewer MARGIN_REVIEWER, whose address is
 *   `margin@margin.invalid` (the schema wants an address; `.invalid` is nobody's, RFC 2606).
 */
import type { Decision, Label, TagStatus } from "@/lib/vocabulary";
import type { ActorLinks } from "./actor-registry";
import {
  CONTEXT_LENGTH,
  type ExportArticle,
  type ExportAttributes,
  type ExportPerson,
  type ExportRelation,
  type ExportReview,
  type ExportTag,
} from "./shape";

/** The reviewer of auto-accepted tags; the name is lib/tags/documents.ts's AUTO_REVIEWER_NAME (a test checks). */
export const MARGIN_REVIEWER: ExportPerson = { id: "margin", email: "margin@margin.invalid", name: "Margin (annotators agree)" };

/** An article's own fields, as read: the dataset's article without its tags and relations. */
export type ArticleRow = Omit<ExportArticle, "tags" | "relations">;

export type TagRow = {
  id: string;
  label: Label;
  /** Code points; orphans are never read. */
  start: number;
  end: number;
  status: TagStatus;
  attributes: Record<string, unknown>;
  note: string | null;
  annotatorIds: string[];
  authorId: string;
  createdAt: string;
  updatedAt: string;
};

export type ReviewRow = {
  id: string;
  annotationId: string;
  reviewerId: string | null;
  decision: Decision;
  comment: string | null;
  createdAt: string;
};

export type People = ReadonlyMap<string, ExportPerson>;

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareTags(a: { start: number; end: number; id: string }, b: { start: number; end: number; id: string }): number {
  return a.start - b.start || a.end - b.end || compareStrings(a.id, b.id);
}

/**
 * What each label may carry (lib/tags/schema.ts), with each value's type. An actor's stored actorId is not
 * among them: the export puts the resolved record in its place (withRecord).
 */
const ATTRIBUTE_KEYS: Record<Label, Record<string, "string" | "boolean" | "number">> = {
  actor: { canonicalName: "string", kind: "string" },
  claim: { sourceId: "string" },
  quote: { speakerId: "string", direct: "boolean" },
  figure: { value: "number", unit: "string", approximate: "boolean" },
};

/**
 * The published attributes: the label's keys of the expected type only (value and unit may be null: "no
 * number", "no unit"), so that an attribute left over from another label or an old version never leaks.
 * The stored object itself when it is already clean (the usual case: it was checked when written).
 */
export function exportAttributes(label: Label, stored: Record<string, unknown>): ExportAttributes {
  const allowed = ATTRIBUTE_KEYS[label];
  let clean = true;
  for (const key in stored) if (!fits(allowed, key, stored[key])) clean = false;
  if (clean) return stored as ExportAttributes;
  const attributes: Record<string, unknown> = {};
  for (const key of Object.keys(allowed)) if (Object.hasOwn(stored, key) && fits(allowed, key, stored[key])) attributes[key] = stored[key];
  return attributes as ExportAttributes;
}

function fits(allowed: Record<string, string>, key: string, value: unknown): boolean {
  return Object.hasOwn(allowed, key) && (typeof value === allowed[key] || (value === null && (key === "value" || key === "unit")));
}

/**
 * The published attributes of a tag, with its actor record resolved (the root it counts for, and its name)
 * in place of the stored actorId: the stored one may name a record merged since, or none of the project's
 * (another project's, a deleted one), and is never exported as it is (ATTRIBUTE_KEYS leaves it out).
 */
function withRecord(tag: TagRow, links: ActorLinks): ExportAttributes {
  const attributes = exportAttributes(tag.label, tag.attributes);
  const stored = tag.label === "actor" ? tag.attributes.actorId : undefined;
  const record = typeof stored === "string" ? links.get(stored) : undefined;
  if (!record) return attributes;
  // A stored actorId is never kept, so exportAttributes made a new object: completed in place, one
  // allocation fewer per linked tag (the stored object, had it been returned, is copied first).
  const own = (attributes === tag.attributes ? { ...attributes } : attributes) as ExportAttributes;
  own.actorId = record.id;
  own.actorName = record.name;
  return own;
}

/**
 * Code-point offsets to UTF-16 ones for one text, without an index the size of the text: most articles
 * have no character outside the Basic Multilingual Plane (then the two units agree), and the others a
 * few emoji, whose code-point positions are kept sorted and counted by binary search.
 */
export class CodePoints {
  /** Code-point positions of the astral characters (two UTF-16 units each), ascending. */
  private readonly astral: number[] = [];
  readonly length: number;

  constructor(text: string) {
    let points = 0;
    if (/[\uD800-\uDFFF]/.test(text)) {
      for (let index = 0; index < text.length; index++, points++) {
        const code = text.charCodeAt(index);
        if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
          this.astral.push(points);
          index++;
        }
      }
    } else points = text.length;
    this.length = points;
  }

  toUtf16(codePoint: number): number {
    const astral = this.astral;
    let low = 0;
    let high = astral.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (astral[middle]! < codePoint) low = middle + 1;
      else high = middle;
    }
    return codePoint + low;
  }
}

/**
 * Someone whose user row is gone (an annotator merged into a tag, since deleted). The dataset's schema
 * wants an address, and `.invalid` (RFC 2606) can never be anyone's.
 */
export const UNKNOWN_EMAIL = "unknown@margin.invalid";

function personOf(id: string, people: People): ExportPerson {
  return people.get(id) ?? { id, email: UNKNOWN_EMAIL, name: null };
}

const LINKS: Partial<Record<Label, { key: "speakerId" | "sourceId"; type: ExportRelation["type"] }>> = {
  quote: { key: "speakerId", type: "speaker" },
  claim: { key: "sourceId", type: "source" },
};

/** The ids of the people rows name (annotators, reviewers) that `known` lacks: usually none. */
export function unknownPeople(tags: TagRow[], reviews: ReviewRow[], known: People): string[] {
  const missing: string[] = [];
  for (const tag of tags)
    for (const id of tag.annotatorIds.length ? tag.annotatorIds : [tag.authorId])
      if (!known.has(id) && !missing.includes(id)) missing.push(id);
  for (const review of reviews)
    if (review.reviewerId && !known.has(review.reviewerId) && !missing.includes(review.reviewerId)) missing.push(review.reviewerId);
  return missing;
}

/**
 * One article of the dataset. `reviews` may hold decisions on tags that are not exported (deleted or
 * filtered out): they are ignored. A row whose offsets do not fit the text (which the projection never
 * writes) is left out rather than exported with a wrong span.
 */
export function buildArticle(
  article: ArticleRow,
  tags: TagRow[],
  reviews: ReviewRow[],
  people: People,
  links: ActorLinks = new Map(),
): ExportArticle {
  const index = new CodePoints(article.text);
  const { text } = article;
  const decisions = new Map<string, ReviewRow[]>();
  for (const review of reviews) {
    const list = decisions.get(review.annotationId);
    if (list) list.push(review);
    else decisions.set(review.annotationId, [review]);
  }
  const fits = (tag: TagRow) =>
    Number.isInteger(tag.start) && Number.isInteger(tag.end) && tag.start >= 0 && tag.start < tag.end && tag.end <= index.length;
  const exported: ExportTag[] = tags
    .filter(fits)
    .sort(compareTags)
    .map((tag) => {
      const from = index.toUtf16(tag.start);
      const to = index.toUtf16(tag.end);
      const own = (decisions.get(tag.id) ?? []).sort((a, b) => compareStrings(a.createdAt, b.createdAt) || compareStrings(a.id, b.id));
      return {
        id: tag.id,
        label: tag.label,
        start: tag.start,
        end: tag.end,
        text: text.slice(from, to),
        prefix: text.slice(index.toUtf16(Math.max(0, tag.start - CONTEXT_LENGTH)), from),
        suffix: text.slice(to, index.toUtf16(Math.min(index.length, tag.end + CONTEXT_LENGTH))),
        authors: (tag.annotatorIds.length ? tag.annotatorIds : [tag.authorId]).map((id) => personOf(id, people)),
        status: tag.status,
        reviews: own.map((review): ExportReview => ({
          reviewer: review.reviewerId ? personOf(review.reviewerId, people) : MARGIN_REVIEWER,
          decision: review.decision,
          at: review.createdAt,
          comment: review.comment,
        })),
        attributes: withRecord(tag, links),
        note: tag.note,
        createdAt: tag.createdAt,
        updatedAt: tag.updatedAt,
      };
    });
  return { ...article, tags: exported, relations: relationsOf(exported) };
}

/** quote → speaker and claim → source edges between tags of the list; ordered by from, then type. */
export function relationsOf(tags: ExportTag[]): ExportRelation[] {
  const ids = new Set(tags.map((tag) => tag.id));
  const relations: ExportRelation[] = [];
  for (const tag of tags) {
    const link = LINKS[tag.label];
    const target = link && tag.attributes[link.key];
    if (link && target && ids.has(target)) relations.push({ from: tag.id, to: target, type: link.type });
  }
  return relations.sort((a, b) => compareStrings(a.from, b.from) || compareStrings(a.type, b.type));
}
