import { liveAnnotations } from "@/lib/tags/live/registry";
import { authorizeArticle, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { setWorkDone } from "@/lib/review/mutations";
import { workSchema } from "./contract";

/**
 * Marks your own work on the article done (`{"done": true}`) or reopens it. In a blind project, only then
 * do you see colleagues' tags on it; when everyone who tagged it is done, it moves to "in review".
 */
export const PUT = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeArticle(actor, (await params).id, "annotations:create"));
  const { done } = parseOrThrow(workSchema, await readJson(request));
  const work = await setWorkDone(access, done);
  // Auto-accept waits, in a blind project, for annotators to be done: their agreement can count now.
  if (done) await liveAnnotations().mergeAgreeing(access);
  return json({ work });
});
