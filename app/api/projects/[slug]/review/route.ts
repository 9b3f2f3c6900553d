import { authorizeProject, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { apiRoute, json, queryOf } from "@/lib/http/api-handler";
import { parseOrThrow } from "@/lib/http/parse";
import { listReviewQueue } from "@/lib/review/data";
import { reviewQueueQuerySchema } from "@/lib/review/queue-query";

/** Articles awaiting review, with pending/accepted/rejected counts per label and their annotators. */
export const GET = apiRoute<{ slug: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeProject(actor, (await params).slug, "annotations:review"));
  return json(await listReviewQueue(access, parseOrThrow(reviewQueueQuerySchema, queryOf(request))));
});
