import { json } from "@/lib/http/api-handler";
import { projectRoute } from "@/lib/routes/wrappers";
import { computeAgreement } from "@/lib/review/agreement-report";
import { contract } from "./contract";

/**
 * Pairwise agreement between the project's annotators (or on one article): kappa, alpha, span F1, per label.
 * It shows what each annotator tagged: in a blind project, for reviewers and owners only.
 */
export const GET = projectRoute("agreement:read", contract.methods.GET, async ({ access, query: { article, labels } }) =>
  json(await computeAgreement(access, { articleId: article, labels })),
);
