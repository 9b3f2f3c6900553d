import { z } from "zod";

/** Query of the review queue (page and API). */
export const reviewQueueQuerySchema = z.strictObject({
  status: z
    .enum(["new", "in_progress", "in_review", "done"], { error: "status must be one of new, in_progress, in_review, done" })
    .optional(),
  page: z.coerce.number({ error: "page must be a number" }).int().min(1, { error: "page must be 1 or more" }).default(1),
  pageSize: z.coerce
    .number({ error: "pageSize must be a number" })
    .int()
    .min(1)
    .max(200, { error: "pageSize must be at most 200" })
    .default(50),
});
