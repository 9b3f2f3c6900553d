import { authorizeProject, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { AppError } from "@/lib/errors";
import { apiRoute, json, queryOf } from "@/lib/http/api-handler";
import { parseOrThrow } from "@/lib/http/parse";
import { agreementQuerySchema } from "@/lib/review/agreement-query";
import { computeAgreement } from "@/lib/review/agreement-report";
import { tagScope } from "@/lib/review/scope";

/** Pairwise agreement between the project's annotators (or on one article): kappa, alpha, span F1, per label. */
export const GET = apiRoute<{ slug: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeProject(actor, (await params).slug, "project:read"));
  // Agreement shows what each annotator tagged: in a blind project, for reviewers and owners only.
  if (tagScope(access).kind === "own")
    throw new AppError("forbidden", "This project annotates blind: agreement is for reviewers and owners");
  const { article, labels } = parseOrThrow(agreementQuerySchema, queryOf(request));
  return json(await computeAgreement(access, { articleId: article, labels }));
});
