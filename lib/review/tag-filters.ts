/**
 * Which tags the article page shows: labels, annotator layers (each annotator's tags on or off), review
 * status (rejected tags hidden unless asked for), and compare mode (two annotators' layers overlaid). Pure,
 * shared by the editor's highlights, the tag panel and the review queue.
 */
import { type Label, LABELS, type TagStatus } from "@/lib/vocabulary";
import { annotatorsOf, statusOf, type TagRecord } from "@/lib/tags/record";

export type TagFilters = {
  labels: Set<Label>;
  /** The annotators whose layers are shown; null: everyone's. */
  annotators: Set<string> | null;
  statuses: Set<TagStatus>;
  /** Two annotators side by side: only their layers show, and where they disagree is marked. */
  compare: { a: string; b: string } | null;
};

export function defaultFilters(): TagFilters {
  return { labels: new Set(LABELS), annotators: null, statuses: new Set<TagStatus>(["pending", "accepted"]), compare: null };
}

export function tagVisible(tag: TagRecord, filters: TagFilters): boolean {
  if (!filters.labels.has(tag.label) || !filters.statuses.has(statusOf(tag))) return false;
  const people = annotatorsOf(tag).map((person) => person.id);
  if (filters.compare) return people.includes(filters.compare.a) || people.includes(filters.compare.b);
  return !filters.annotators || people.some((id) => filters.annotators!.has(id));
}

/** Everyone who made a tag on the article, in order of first appearance, with their names. */
export function annotatorsIn(tags: Map<string, TagRecord>): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const tag of tags.values()) for (const person of annotatorsOf(tag)) if (!seen.has(person.id)) seen.set(person.id, person.name);
  return [...seen].map(([id, name]) => ({ id, name }));
}
