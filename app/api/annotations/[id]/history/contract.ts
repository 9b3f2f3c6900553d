/** A tag's history. */
import { defineRoute, errors, tagParams } from "@/lib/http/contract";

export const contract = defineRoute("/api/annotations/{id}/history", {
  GET: {
    summary: "The tag's history (append-only): created, changed, accepted, rejected, commented…, by whom and when",
    description: "Also of a deleted or merged-away tag, to whoever could see it.",
    params: tagParams,
    responses: {
      200: "`{ history: [{ id, kind, data, createdAt, actor }] }`; actor null means Margin (auto-accept)",
      ...errors(401, 404),
    },
  },
});
