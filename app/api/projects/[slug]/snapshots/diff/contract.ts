/** Comparing two saved snapshots. */
import { z } from "zod";
import { parameters } from "@/lib/export/schema-filters";
import { defineRoute, errors, slugParams } from "@/lib/http/contract";

export const snapshotDiffQuerySchema = parameters({
  from: z
    .string({ error: "from (a snapshot id or name) is required" })
    .min(1, { error: "from (a snapshot id or name) is required" })
    .describe("A snapshot id or name"),
  to: z
    .string({ error: "to (a snapshot id or name) is required" })
    .min(1, { error: "to (a snapshot id or name) is required" })
    .describe("A snapshot id or name"),
  limit: z.coerce
    .number({ error: "limit must be a number" })
    .int({ error: "limit must be a whole number" })
    .min(0, { error: "limit must be 0 or more" })
    .max(10_000, { error: "limit must be at most 10,000" })
    .default(1_000)
    .describe("Changes listed at most (all are counted)"),
});

export const contract = defineRoute("/api/projects/{slug}/snapshots/diff", {
  GET: {
    summary:
      "What changed between two snapshots: tags added, removed, changed (label, span, text, status, attributes, note, authors, reviews)",
    params: slugParams,
    query: snapshotDiffQuerySchema,
    responses: {
      200: "`{ from, to, summary: { tags, articles }, changes: [...], truncated }`",
      ...errors(400, 401, 403, 404),
    },
  },
});
