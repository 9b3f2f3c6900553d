/**
 * What changed between two snapshots, tag by tag: walks both in article-id order side by side (the order
 * both were written in), so that only one article of each is in memory at a time. A tag is the same tag
 * when its id is: added, removed, or changed in its label, span, text, status, attributes, note, authors
 * or decisions. Offsets compared are code points whatever the units the snapshots were stored in.
 */
import { compareStrings } from "./build";
import type { ExportArticle, ExportTag } from "./shape";

export type TagSummary = Pick<ExportTag, "label" | "start" | "end" | "text" | "status" | "attributes" | "note">;
export type TagChange =
  | { type: "added" | "removed"; articleId: string; tagId: string; tag: TagSummary }
  | { type: "changed"; articleId: string; tagId: string; fields: string[]; before: TagSummary; after: TagSummary };

export type DiffSummary = {
  tags: { added: number; removed: number; changed: number; unchanged: number };
  articles: { added: number; removed: number; changed: number; unchanged: number };
};

const summaryOf = (tag: ExportTag): TagSummary => ({
  label: tag.label,
  start: tag.start,
  end: tag.end,
  text: tag.text,
  status: tag.status,
  attributes: tag.attributes,
  note: tag.note,
});

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields in which a tag differs; attributes compare by value, whatever their key order. */
export function changedFields(before: ExportTag, after: ExportTag): string[] {
  const fields: string[] = [];
  if (before.label !== after.label) fields.push("label");
  if (before.start !== after.start || before.end !== after.end) fields.push("span");
  if (before.text !== after.text) fields.push("text");
  if (before.status !== after.status) fields.push("status");
  const sorted = (attributes: ExportTag["attributes"]) =>
    Object.fromEntries(Object.entries(attributes).sort(([a], [b]) => compareStrings(a, b)));
  if (!same(sorted(before.attributes), sorted(after.attributes))) fields.push("attributes");
  if (before.note !== after.note) fields.push("note");
  if (
    !same(
      before.authors.map((person) => person.id),
      after.authors.map((person) => person.id),
    )
  )
    fields.push("authors");
  if (
    !same(
      before.reviews.map((review) => [review.reviewer.id, review.decision, review.at]),
      after.reviews.map((review) => [review.reviewer.id, review.decision, review.at]),
    )
  )
    fields.push("reviews");
  return fields;
}

/** Compares two snapshots' articles; keeps the first `limit` changes, counts all of them. */
export async function diffArticles(from: AsyncIterator<ExportArticle>, to: AsyncIterator<ExportArticle>, limit: number) {
  const summary: DiffSummary = {
    tags: { added: 0, removed: 0, changed: 0, unchanged: 0 },
    articles: { added: 0, removed: 0, changed: 0, unchanged: 0 },
  };
  const changes: TagChange[] = [];
  const record = (change: TagChange) => {
    summary.tags[change.type]++;
    if (changes.length < limit) changes.push(change);
  };
  let before = await from.next();
  let after = await to.next();
  while (!before.done || !after.done) {
    const order = before.done ? 1 : after.done ? -1 : compareStrings(before.value.id, after.value.id);
    if (order < 0) {
      const article = before.value as ExportArticle;
      summary.articles.removed++;
      for (const tag of article.tags) record({ type: "removed", articleId: article.id, tagId: tag.id, tag: summaryOf(tag) });
      before = await from.next();
    } else if (order > 0) {
      const article = after.value as ExportArticle;
      summary.articles.added++;
      for (const tag of article.tags) record({ type: "added", articleId: article.id, tagId: tag.id, tag: summaryOf(tag) });
      after = await to.next();
    } else {
      const changed = diffArticle(before.value as ExportArticle, after.value as ExportArticle, record, summary);
      summary.articles[changed ? "changed" : "unchanged"]++;
      before = await from.next();
      after = await to.next();
    }
  }
  return { summary, changes, truncated: changes.length < summary.tags.added + summary.tags.removed + summary.tags.changed };
}

/** Records one article's tag changes; true when anything about it (tags, text or metadata) changed. */
function diffArticle(before: ExportArticle, after: ExportArticle, record: (change: TagChange) => void, summary: DiffSummary): boolean {
  const old = new Map(before.tags.map((tag) => [tag.id, tag]));
  let changed = false;
  for (const tag of after.tags) {
    const previous = old.get(tag.id);
    old.delete(tag.id);
    if (!previous) {
      changed = true;
      record({ type: "added", articleId: after.id, tagId: tag.id, tag: summaryOf(tag) });
      continue;
    }
    const fields = changedFields(previous, tag);
    if (fields.length) {
      changed = true;
      record({ type: "changed", articleId: after.id, tagId: tag.id, fields, before: summaryOf(previous), after: summaryOf(tag) });
    } else summary.tags.unchanged++;
  }
  for (const tag of old.values()) {
    changed = true;
    record({ type: "removed", articleId: before.id, tagId: tag.id, tag: summaryOf(tag) });
  }
  const { tags: _a, relations: _b, ...beforeFields } = before;
  const { tags: _c, relations: _d, ...afterFields } = after;
  return changed || !same(beforeFields, afterFields);
}
