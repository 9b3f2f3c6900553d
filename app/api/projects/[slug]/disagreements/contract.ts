/** Where two annotators disagree. */
import { defineRoute, errors, slugParams } from "@/lib/http/contract";
import { disagreementQuerySchema } from "@/lib/review/agreement-query";

export const contract = defineRoute("/api/projects/{slug}/disagreements", {
  GET: {
    summary:
      "Where two annotators disagree: a span one has and the other lacks, the same span with another label, overlapping spans with other boundaries",
    params: slugParams,
    query: disagreementQuerySchema,
    responses: {
      200: "`{ total, items: [{ articleId, articleTitle, kind: only_a | only_b | label | boundary, label, a, b }] }`",
      ...errors(400, 401, 403, 404),
    },
  },
});
