/**
 * A tag as the live tags document holds it (lib/tags/documents.ts), one JSON value per tag, and the
 * questions every reader asks of it. The one shape of a tag in memory: the projection's rows, the API's
 * view and the export are derived from it. Browser-safe: the editor's panels read it.
 */
import type { Decision, Label, TagStatus } from "@/lib/vocabulary";

export type TagPerson = { id: string; name: string };
/**
 * The last accept or reject of a tag, shown live to everyone on the article (every decision is in
 * PostgreSQL). `reviewerId` is null when Margin decided: auto-accept of tags on which annotators agree.
 */
export type TagReview = {
  decision: Decision;
  reviewerId: string | null;
  reviewerName: string;
  at: string;
  comment: string | null;
};

export const AUTO_REVIEWER_NAME = "Margin (annotators agree)";

export type TagRecord = {
  label: Label;
  authorId: string;
  authorName: string;
  createdAt: string;
  updatedAt: string;
  attributes: Record<string, unknown>;
  note: string | null;
  /** Absent on tags made before review existed: pending. */
  status?: TagStatus;
  review?: TagReview | null;
  /** Everyone who made it, author first, when identical tags of several annotators were merged into it. */
  annotators?: TagPerson[];
  /** Its discussion: how many comments, and whether it is resolved. */
  thread?: { comments: number; resolved: boolean };
};

export function statusOf(tag: TagRecord): TagStatus {
  return tag.status ?? "pending";
}

/** Everyone who made a tag, its author first. */
export function annotatorsOf(tag: TagRecord): TagPerson[] {
  return tag.annotators?.length ? tag.annotators : [{ id: tag.authorId, name: tag.authorName }];
}

/** Who made a tag, as the editor shows it: "Ana Ruiz & Li Wei". */
export function annotatorNames(tag: TagRecord): string {
  return annotatorsOf(tag)
    .map((person) => person.name)
    .join(" & ");
}
