/** A tag's discussion. */
import { z } from "zod";
import { defineRoute, errors, tagParams } from "@/lib/http/contract";
import { commentBodySchema } from "@/lib/review/schema";

export const commentSchema = z.strictObject({ body: commentBodySchema });

export const contract = defineRoute("/api/annotations/{id}/comments", {
  GET: {
    summary: "The tag's discussion, oldest first (comments, resolve and reopen marks)",
    params: tagParams,
    responses: { 200: "`{ comments: Comment[] }`", ...errors(401, 404) },
  },
  POST: {
    summary: "Comment on a tag (owners, editors, reviewers); `@email` of a member mentions them",
    params: tagParams,
    body: commentSchema,
    responses: { 201: "`{ comment: Comment }`", ...errors(400, 401, 403, 404), 409: "The tag was deleted meanwhile" },
  },
});
