/** Resolving or reopening a tag's discussion. */
import { z } from "zod";
import { defineRoute, errors, tagParams } from "@/lib/http/contract";

export const threadSchema = z.strictObject({ resolved: z.boolean({ error: "resolved must be true or false" }) });

export const contract = defineRoute("/api/annotations/{id}/thread", {
  POST: {
    summary: "Resolve or reopen the tag's discussion",
    params: tagParams,
    body: threadSchema,
    responses: { 200: "`{ thread: { resolved } }`", ...errors(400, 401, 403, 404) },
  },
});
