/** Putting an orphaned tag back on its last words, and undoing a tag's deletion. */
import { defineRoute, errors, tagParams } from "@/lib/http/contract";
import { offsetUnitQuerySchema } from "@/lib/tags/schema";

export const contract = defineRoute("/api/annotations/{id}/restore", {
  POST: {
    summary: "Put an orphaned tag back on its last words, or undo its deletion within an hour (its author or a project owner)",
    description:
      "An orphan whose words are not in the text: 400, and the caller chooses new words (PATCH /api/annotations/{id} with start and end). A tag deleted in the last hour comes back as it was, on its words if they are still there (else as an orphan); its history shows the deletion and the restoration.",
    params: tagParams,
    query: offsetUnitQuerySchema,
    responses: { 200: "`{ annotation: Annotation }`", ...errors(400, 401, 403, 404) },
  },
});
