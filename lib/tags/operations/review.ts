/**
 * Accepting or rejecting a tag (optionally correcting it). Each decision goes in the journal, which the
 * collaboration server writes with the change (lib/tags/journal.ts), so that state and history agree.
 */
import { randomUUID } from "node:crypto";
import { fail, ok } from "@/lib/errors";
import type { Decision, Label, TagStatus } from "@/lib/vocabulary";
import { readTags, writeTag } from "../documents";
import { recordEvent } from "../journal";
import { annotatorsOf, statusOf, type TagRecord } from "../record";
import { type ArticleDocs, missingTag, type OffsetSpan, type TagActor, type TagResult } from "./rules";
import { changeTag } from "./update";
import { addComment } from "./comment";

export type ReviewInput = {
  decision: Decision;
  comment?: string | null;
  /** Corrections applied with an acceptance. */
  label?: Label;
  span?: OffsetSpan;
  /**
   * The status the reviewer saw (default "pending"). When the tag's status differs, someone decided it
   * meanwhile: the request is refused as a conflict rather than silently overriding them. Changing one's
   * mind means passing the current status.
   */
  expectedStatus?: TagStatus;
};

export type ReviewPolicy = { allowSelfReview: boolean };

const STATUS_OF_DECISION = { accept: "accepted", reject: "rejected" } as const;

function decidedBy(tag: TagRecord): string {
  return tag.review ? ` by ${tag.review.reviewerName}` : "";
}

export function reviewTag(
  docs: ArticleDocs,
  actor: TagActor,
  id: string,
  input: ReviewInput,
  policy: ReviewPolicy,
  now: string,
): TagResult<{ id: string; status: TagStatus }> {
  const records = readTags(docs.tags);
  const tag = records.get(id);
  if (!tag) return missingTag(docs, id);
  if (actor.role !== "owner" && actor.role !== "reviewer") return fail("forbidden", "Only reviewers and owners accept or reject tags");
  if (!policy.allowSelfReview && annotatorsOf(tag).some((person) => person.id === actor.userId)) {
    return fail("forbidden", "You cannot review your own tag: this project does not allow self-review");
  }
  const status = statusOf(tag);
  const expected = input.expectedStatus ?? "pending";
  if (status !== expected)
    return fail("conflict", `The tag is ${status}${decidedBy(tag)}, not ${expected}: reload to see the current state`);
  if (input.decision === "reject" && (input.label || input.span))
    return fail("bad_request", "Corrections (label, start, end) go with an acceptance, not a rejection", input.label ? "label" : "start");
  if (input.label || input.span) {
    const changed = changeTag(docs, actor.userId, id, tag, { label: input.label, span: input.span }, now, records);
    if (!changed.ok) return changed;
  }
  const comment = input.comment?.trim() ? input.comment : null;
  const next = STATUS_OF_DECISION[input.decision];
  writeTag(docs.tags, id, {
    status: next,
    review: { decision: input.decision, reviewerId: actor.userId, reviewerName: actor.name, at: now, comment },
    updatedAt: now,
  });
  docs.journal?.push({
    type: "review",
    id: randomUUID(),
    annotationId: id,
    reviewerId: actor.userId,
    decision: input.decision,
    comment,
    at: now,
  });
  recordEvent(docs.journal, id, actor.userId, next, now, { from: status, comment });
  // A decision's reason opens (or continues) the tag's discussion, where the annotator can answer.
  if (comment) addComment(docs, actor.userId, id, readTags(docs.tags).get(id)!, comment, [], now);
  return ok({ id, status: next });
}
