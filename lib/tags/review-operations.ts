/**
 * Review operations on an article's live documents, as the server performs them: accept or reject a tag
 * (optionally correcting it), discuss it, and merge identical tags of several annotators into one gold
 * tag. Pure over the documents like operations.ts; each records what it did in the journal, which the
 * collaboration server writes with the change (lib/tags/journal.ts).
 */
import { randomUUID } from "node:crypto";
import {
  annotatorsOf,
  AUTO_REVIEWER_NAME,
  deleteTag,
  projectContent,
  readTags,
  statusOf,
  unmarkTag,
  writeTag,
  type TagPerson,
  type TagRecord,
} from "./documents";
import { fail, ok } from "@/lib/errors";
import { recordEvent } from "./journal";
import { changeTag, missingTag, relinkActors, type ArticleDocs, type OffsetSpan, type TagActor, type TagResult } from "./operations";
import type { Decision, Label, TagStatus } from "@/lib/vocabulary";

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

function addComment(
  docs: ArticleDocs,
  authorId: string,
  id: string,
  tag: TagRecord,
  body: string,
  mentions: string[],
  now: string,
): string {
  const commentId = randomUUID();
  const thread = tag.thread ?? { comments: 0, resolved: false };
  writeTag(docs.tags, id, { thread: { ...thread, comments: thread.comments + 1 } });
  docs.journal?.push({ type: "comment", id: commentId, annotationId: id, authorId, kind: "comment", body, mentions, at: now });
  recordEvent(docs.journal, id, authorId, "commented", now, { commentId, excerpt: body.slice(0, 200) });
  return commentId;
}

/** Adds a comment to a tag's thread; `mentions` are the ids of the project members it names. */
export function commentOnTag(
  docs: ArticleDocs,
  actor: TagActor,
  id: string,
  body: string,
  mentions: string[],
  now: string,
): TagResult<{ commentId: string }> {
  const tag = readTags(docs.tags).get(id);
  if (!tag) return missingTag(docs, id);
  if (actor.role === "viewer") return fail("forbidden", "Viewers read comments but do not write them");
  return ok({ commentId: addComment(docs, actor.userId, id, tag, body, mentions, now) });
}

/** Resolves or reopens a tag's thread; asking for the state it is already in changes nothing. */
export function resolveThread(
  docs: ArticleDocs,
  actor: TagActor,
  id: string,
  resolved: boolean,
  now: string,
): TagResult<{ resolved: boolean }> {
  const tag = readTags(docs.tags).get(id);
  if (!tag) return missingTag(docs, id);
  if (actor.role === "viewer") return fail("forbidden", "Viewers cannot resolve discussions");
  const thread = tag.thread ?? { comments: 0, resolved: false };
  if (thread.resolved === resolved) return ok({ resolved });
  writeTag(docs.tags, id, { thread: { ...thread, resolved } });
  docs.journal?.push({
    type: "comment",
    id: randomUUID(),
    annotationId: id,
    authorId: actor.userId,
    kind: resolved ? "resolve" : "reopen",
    body: null,
    mentions: [],
    at: now,
  });
  recordEvent(docs.journal, id, actor.userId, resolved ? "resolved" : "reopened", now);
  return ok({ resolved });
}

/**
 * Auto-accept (a project setting): tags on which two or more annotators agree exactly, the same words and
 * label, become one accepted gold tag that records all of them; the copies are deleted, and their
 * discussions join the gold tag's thread (each copy's history stays its own). The oldest tag survives.
 * Only tags whose every annotator `mayMerge` are considered (in a blind project, those who have
 * marked their work done, so that merging reveals nothing early), and never a rejected one. Looks at the
 * tags given in `ids`, or at every tag. Returns, for each tag merged away, the gold tag it went into.
 */
export function mergeAgreeingTags(
  docs: ArticleDocs,
  mayMerge: (userId: string) => boolean,
  now: string,
  ids?: Iterable<string>,
): Map<string, string> {
  const records = readTags(docs.tags);
  const { spans } = projectContent(docs.content);
  const groups = new Map<string, string[]>();
  const eligible = (id: string) => {
    const tag = records.get(id);
    return tag && spans.has(id) && statusOf(tag) !== "rejected" && annotatorsOf(tag).every((person) => mayMerge(person.id));
  };
  for (const [id] of records) {
    if (!eligible(id)) continue;
    const span = spans.get(id)!;
    const key = `${records.get(id)!.label}:${span.start}:${span.end}`;
    groups.set(key, [...(groups.get(key) ?? []), id]);
  }
  const wanted = ids ? new Set(ids) : null;
  const merged = new Map<string, string>();
  for (const group of groups.values()) {
    if (group.length < 2 || (wanted && !group.some((id) => wanted.has(id)))) continue;
    group.sort((a, b) => records.get(a)!.createdAt.localeCompare(records.get(b)!.createdAt) || a.localeCompare(b));
    const [keep, ...copies] = group as [string, ...string[]];
    const annotators = new Map<string, TagPerson>();
    for (const id of group) for (const person of annotatorsOf(records.get(id)!)) annotators.set(person.id, person);
    // Agreement needs two different people: one annotator's duplicate tags are not a consensus.
    if (annotators.size < 2) continue;
    const survivor = records.get(keep)!;
    const status = statusOf(survivor);
    // The copies' discussions join the gold tag's thread, which stays resolved only if all of them were.
    const threads = group.map((id) => records.get(id)!.thread).filter((thread) => thread && thread.comments > 0);
    const commented = copies.filter((id) => (records.get(id)!.thread?.comments ?? 0) > 0);
    if (commented.length) docs.journal?.push({ type: "move-comments", from: commented, to: keep });
    writeTag(docs.tags, keep, {
      annotators: [...annotators.values()],
      status: "accepted",
      ...(commented.length
        ? {
            thread: {
              comments: threads.reduce((sum, thread) => sum + thread!.comments, 0),
              resolved: threads.every((thread) => thread!.resolved),
            },
          }
        : {}),
      ...(status === "accepted"
        ? {}
        : { review: { decision: "accept" as const, reviewerId: null, reviewerName: AUTO_REVIEWER_NAME, at: now, comment: null } }),
      updatedAt: now,
    });
    for (const copy of copies) {
      merged.set(copy, keep);
      unmarkTag(docs.content, copy);
      deleteTag(docs.tags, copy, now);
      recordEvent(docs.journal, copy, null, "merged", now, { into: keep });
    }
    recordEvent(docs.journal, keep, null, "merged", now, { from: copies, annotators: [...annotators.keys()] });
    if (status !== "accepted") {
      docs.journal?.push({
        type: "review",
        id: randomUUID(),
        annotationId: keep,
        reviewerId: null,
        decision: "accept",
        comment: null,
        at: now,
      });
      recordEvent(docs.journal, keep, null, "accepted", now, { from: status, auto: true });
    }
  }
  // Quotes and claims that named a merged-away actor name its gold tag.
  relinkActors(docs, new Map([...merged].filter(([copy]) => records.get(copy)!.label === "actor")), null, now);
  return merged;
}
