/** An article's place in the workflow. */
import { z } from "zod";
import { articleParams, defineRoute, errors } from "@/lib/http/contract";
import { articleStatusSchema } from "@/lib/vocabulary";

export const statusSchema = z.strictObject({
  status: articleStatusSchema,
});

export const contract = defineRoute("/api/articles/{id}/status", {
  POST: {
    summary: "Set the article's workflow status (reviewers and owners)",
    params: articleParams,
    body: statusSchema,
    responses: { 200: "`{ status }`", ...errors(400, 401, 403, 404) },
  },
});
