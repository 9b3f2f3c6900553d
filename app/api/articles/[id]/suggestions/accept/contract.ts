/** Accepting an article's suggestions of a label at once. */
import { articleParams, defineRoute, errors } from "@/lib/http/contract";
import { acceptAboveSchema } from "@/lib/suggestions/schema";
import { offsetUnitQuerySchema } from "@/lib/tags/schema";

export const contract = defineRoute("/api/articles/{id}/suggestions/accept", {
  POST: {
    summary: "Accept every suggestion of a label offered to the caller with at least a score: each becomes the caller's tag",
    params: articleParams,
    query: offsetUnitQuerySchema,
    body: acceptAboveSchema,
    responses: {
      200: "`{ accepted: n, annotations: Annotation[], skipped: [{ id, message }] }` (skipped: words the caller already tagged so)",
      ...errors(400, 401, 403, 404),
    },
  },
});
