/**
 * An annotator finishing (or reopening) their work on an article, as the editor's "done" and the HTTP API
 * ask for it.
 */
import "server-only";
import type { ArticleAccess } from "@/lib/auth/context";
import { liveAnnotations } from "@/lib/tags/live/registry";
import { setWorkDone } from "./mutations";

/**
 * Records the caller's work on the article done or reopened (moving the article along, see setWorkDone),
 * then, when done, applies auto-accept: in a blind project it waits for annotators to be done, so their
 * agreement may count now.
 */
export async function markWorkDone(
  access: ArticleAccess<"annotations:create">,
  done: boolean,
): Promise<{ done: boolean; articleStatus: string }> {
  const work = await setWorkDone(access, done);
  if (done) await liveAnnotations().mergeAgreeing(access);
  return work;
}
