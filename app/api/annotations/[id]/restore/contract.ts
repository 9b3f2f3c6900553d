/** Putting an orphaned tag back on its last words. */
import { defineRoute, errors, tagParams } from "@/lib/http/contract";
import { offsetUnitQuerySchema } from "@/lib/tags/schema";

export const contract = defineRoute("/api/annotations/{id}/restore", {
  POST: {
    summary: "Put an orphaned tag back on its last words, if they are in the text again (its author or a project owner)",
    description: "Otherwise 400, and the caller chooses new words (PATCH /api/annotations/{id} with start and end).",
    params: tagParams,
    query: offsetUnitQuerySchema,
    responses: { 200: "`{ annotation: Annotation }`", ...errors(400, 401, 403, 404) },
  },
});
