/** The review queue. */
import { defineRoute, errors, slugParams } from "@/lib/http/contract";
import { reviewQueueQuerySchema } from "@/lib/review/queue-query";

export const contract = defineRoute("/api/projects/{slug}/review", {
  GET: {
    summary:
      "Articles awaiting review (reviewers and owners): in review first, with pending/accepted/rejected counts per label and their annotators",
    params: slugParams,
    query: reviewQueueQuerySchema,
    responses: {
      200: "`{ items: [{ id, title, status, counts: { <label>: { pending, accepted, rejected } }, annotators: [{ id, email, name, done }] }], total, page, pageSize }`",
      ...errors(400, 401, 403, 404),
    },
  },
});
