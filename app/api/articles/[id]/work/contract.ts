/** Marking one's own work on an article done. */
import { z } from "zod";
import { articleParams, defineRoute, errors } from "@/lib/http/contract";

export const workSchema = z.strictObject({ done: z.boolean({ error: "done must be true or false" }) });

export const contract = defineRoute("/api/articles/{id}/work", {
  PUT: {
    summary: "Mark your own work on the article done, or reopen it (in blind projects, colleagues' tags show once done)",
    description: "When everyone who tagged the article is done, it moves to in review; with auto-accept on, agreeing tags merge then.",
    params: articleParams,
    body: workSchema,
    responses: {
      200: "`{ work: { done, articleStatus } }`",
      ...errors(400, 401, 403, 404),
      409: "A reviewer or owner marking done an article they did not tag",
    },
  },
});
