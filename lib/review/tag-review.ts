/**
 * What reviewers and colleagues do on one tag through the HTTP API, one call per route: decide it, discuss
 * it, resolve its discussion. Each runs the live operation (lib/tags/live, through its registry), so open
 * editors see it at once, and answers with what the projection then holds.
 */
import "server-only";
import type { ArticleAccess } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { getAnnotation, type AnnotationView } from "@/lib/tags/data";
import { unwrapLive } from "@/lib/tags/api";
import { liveAnnotations } from "@/lib/tags/live/registry";
import type { OffsetUnit } from "@/lib/tags/offsets";
import type { Decision, Label, TagStatus } from "@/lib/vocabulary";
import { listComments, resolveMentions } from "./data";

export type ReviewRequest = {
  decision: Decision;
  comment?: string | null;
  label?: Label;
  start?: number;
  end?: number;
  expectedStatus?: TagStatus;
};

/**
 * Accepts or rejects a tag, optionally with a comment and (accepting) a corrected label or span in `unit`.
 * A tag someone decided (or deleted) meanwhile is a conflict that carries its current state, so that the
 * second reviewer sees what the first decided.
 */
export async function reviewAnnotation(
  access: ArticleAccess<"annotations:review">,
  id: string,
  input: ReviewRequest,
  unit: OffsetUnit,
): Promise<AnnotationView | null> {
  const { start, end, ...decision } = input;
  const result = await liveAnnotations().review(access, id, {
    ...decision,
    span: start !== undefined ? { start, end: end!, unit } : undefined,
  });
  if (!result.ok && result.reason === "conflict")
    throw new AppError("conflict", result.message, undefined, { current: { annotation: await getAnnotation(access, id, unit) } });
  if (!result.ok) throw new AppError(result.reason, result.message, result.field);
  return getAnnotation(access, id, unit);
}

/** Comments on a tag, notifying the project members it mentions (`@email`); answers the comment as listed. */
export async function commentOnAnnotation(access: ArticleAccess<"annotations:comment">, id: string, body: string) {
  const { commentId } = unwrapLive(await liveAnnotations().comment(access, id, body, await resolveMentions(access, body)));
  return (await listComments(access, id)).find((entry) => entry.id === commentId);
}

/** Resolves or reopens the tag's discussion. */
export async function resolveAnnotationThread(access: ArticleAccess<"annotations:comment">, id: string, resolved: boolean) {
  return unwrapLive(await liveAnnotations().resolveThread(access, id, resolved));
}
