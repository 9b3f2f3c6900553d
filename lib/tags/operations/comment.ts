/** A tag's discussion: comments, resolving and reopening. */
import { randomUUID } from "node:crypto";
import { fail, ok } from "@/lib/errors";
import { readTags, writeTag } from "../documents";
import { recordEvent } from "../journal";
import type { TagRecord } from "../record";
import { type ArticleDocs, missingTag, type TagActor, type TagResult } from "./rules";

export function addComment(
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
