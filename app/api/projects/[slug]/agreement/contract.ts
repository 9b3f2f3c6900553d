/** Agreement between annotators. */
import { defineRoute, errors, slugParams } from "@/lib/http/contract";
import { agreementQuerySchema } from "@/lib/review/agreement-query";

export const contract = defineRoute("/api/projects/{slug}/agreement", {
  GET: {
    summary:
      "Pairwise inter-annotator agreement: Cohen's kappa on tokens, Krippendorff's alpha, span F1 (exact and overlap), overall and per label (see README for the definitions)",
    params: slugParams,
    query: agreementQuerySchema,
    responses: {
      200: "`{ pairs: [{ a: { id, email, name }, b, articles, tokens, kappa, alpha, f1Exact, f1Overlap, perLabel: { <label>: { kappa, f1Exact, f1Overlap } } }] }`; null where a figure is undefined",
      ...errors(400, 401, 403, 404),
    },
  },
});
