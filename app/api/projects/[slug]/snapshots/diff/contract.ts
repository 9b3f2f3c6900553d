/** Comparing two saved snapshots. */
import { z } from "zod";
import { parameters } from "@/lib/export/schema-filters";

export const snapshotDiffQuerySchema = parameters({
  from: z.string({ error: "from (a snapshot id or name) is required" }).min(1, { error: "from (a snapshot id or name) is required" }),
  to: z.string({ error: "to (a snapshot id or name) is required" }).min(1, { error: "to (a snapshot id or name) is required" }),
  limit: z.coerce
    .number({ error: "limit must be a number" })
    .int({ error: "limit must be a whole number" })
    .min(0, { error: "limit must be 0 or more" })
    .max(10_000, { error: "limit must be at most 10,000" })
    .default(1_000),
});
