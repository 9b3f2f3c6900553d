import { authorizeProject, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { apiRoute, json, queryOf } from "@/lib/http/api-handler";
import { parseOrThrow } from "@/lib/http/parse";
import { disagreementQuerySchema } from "@/lib/review/agreement-query";
import { listDisagreements } from "@/lib/review/agreement-report";

/** Where two annotators disagree (what a cell of the agreement matrix counts). */
export const GET = apiRoute<{ slug: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeProject(actor, (await params).slug, "agreement:read"));
  const { a, b, article, labels, limit } = parseOrThrow(disagreementQuerySchema, queryOf(request));
  return json(await listDisagreements(access, a, b, { articleId: article, labels, limit }));
});
