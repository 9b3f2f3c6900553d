import { authorizeProject, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { apiRoute, json, queryOf } from "@/lib/http/api-handler";
import { parseOrThrow } from "@/lib/http/parse";
import { agreementQuerySchema } from "@/lib/review/agreement-query";
import { computeAgreement } from "@/lib/review/agreement-report";

/** Pairwise agreement between the project's annotators (or on one article): kappa, alpha, span F1, per label. */
export const GET = apiRoute<{ slug: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  // Agreement shows what each annotator tagged: in a blind project, for reviewers and owners only.
  const access = unwrapAccess(await authorizeProject(actor, (await params).slug, "agreement:read"));
  const { article, labels } = parseOrThrow(agreementQuerySchema, queryOf(request));
  return json(await computeAgreement(access, { articleId: article, labels }));
});
