/** Auto-accept: identical tags of several annotators become one accepted gold tag. */
import { randomUUID } from "node:crypto";
import { deleteTag, projectContent, readTags, unmarkTag, writeTag } from "../documents";
import { recordEvent } from "../journal";
import { annotatorsOf, AUTO_REVIEWER_NAME, statusOf, type TagPerson } from "../record";
import type { ArticleDocs } from "./rules";
import { relinkActors } from "./links";

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
