/** What importing an article would store. */
import { defineRoute, errors, slugParams } from "@/lib/http/contract";
import { importBody } from "../contract";

export const contract = defineRoute("/api/projects/{slug}/articles/preview", {
  POST: {
    summary: "What importing this article would store, without storing it",
    params: slugParams,
    body: importBody,
    responses: { 200: "`{ preview: { detected, paragraphs, artifacts, result } }`", ...errors(400, 401, 403, 404) },
  },
});
