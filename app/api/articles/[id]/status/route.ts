import { authorizeArticle, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { setArticleStatus } from "@/lib/review/mutations";
import { statusSchema } from "./contract";

/** Moves the article through the workflow (reviewers and owners), e.g. to "done" once reviewed. */
export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeArticle(actor, (await params).id, "annotations:review"));
  const { status } = parseOrThrow(statusSchema, await readJson(request));
  await setArticleStatus(access, status);
  return json({ status });
});
