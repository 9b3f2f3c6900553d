/**
 * What a tag operation records in PostgreSQL besides the change to the live documents: its history
 * (annotation_events), review decisions and comments. Operations push entries; the collaboration server
 * writes them in the same transaction as the tags document's update (lib/collab/collaboration.ts, publishTags),
 * so that a decision is never in one place and missing from the other, and a refused or conflicting
 * request leaves no row.
 */
import type { AnnotationEventKind, CommentKind, ReviewDecision } from "@/lib/db/generated/enums";

export type JournalEntry =
  | { type: "event"; annotationId: string; actorId: string | null; kind: AnnotationEventKind; data: Record<string, unknown>; at: string }
  | {
      type: "review";
      id: string;
      annotationId: string;
      reviewerId: string | null;
      decision: ReviewDecision;
      comment: string | null;
      at: string;
    }
  | {
      type: "comment";
      id: string;
      annotationId: string;
      authorId: string;
      kind: CommentKind;
      body: string | null;
      mentions: string[];
      at: string;
    }
  /** The comments of tags merged into another move to its thread (their history stays theirs). */
  | { type: "move-comments"; from: string[]; to: string };

export type Journal = JournalEntry[];

export function recordEvent(
  journal: Journal | undefined,
  annotationId: string,
  actorId: string | null,
  kind: AnnotationEventKind,
  at: string,
  data: Record<string, unknown> = {},
): void {
  journal?.push({ type: "event", annotationId, actorId, kind, data, at });
}
