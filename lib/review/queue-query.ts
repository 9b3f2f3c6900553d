import { z } from "zod";
import { articleStatusSchema } from "@/lib/vocabulary";

/** Query of the review queue (page and API). */
export const reviewQueueQuerySchema = z.strictObject({
  status: articleStatusSchema.optional(),
  page: z.coerce.number({ error: "page must be a number" }).int().min(1, { error: "page must be 1 or more" }).default(1),
  pageSize: z.coerce
    .number({ error: "pageSize must be a number" })
    .int()
    .min(1)
    .max(200, { error: "pageSize must be at most 200" })
    .default(50),
});
