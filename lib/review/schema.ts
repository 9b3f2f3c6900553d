/**
 * What review requests may carry, shared by the HTTP API and the review UI.
 */
import { z } from "zod";
import { DECISIONS, labelSchema, TAG_STATUSES } from "@/lib/vocabulary";

const offset = (name: string) =>
  z
    .number({ error: `${name} must be a number` })
    .int({ error: `${name} must be a whole number` })
    .min(0, { error: `${name} must be 0 or more` });
const statusSchema = z.enum(TAG_STATUSES, { error: `must be one of ${TAG_STATUSES.join(", ")}` });

/** Comments are for discussion, not documents: the limit keeps one thread from holding megabytes. */
export const COMMENT_MAX = 10_000;
export const commentBodySchema = z
  .string({ error: "body must be a string" })
  .refine((body) => body.trim().length > 0, { error: "body must not be empty" })
  .refine((body) => body.length <= COMMENT_MAX, { error: `body must be at most ${COMMENT_MAX.toLocaleString("en")} characters` });

export const reviewSchema = z
  .strictObject({
    decision: z.enum(DECISIONS, { error: `decision must be ${DECISIONS.join(" or ")}` }),
    comment: z
      .string({ error: "comment must be a string" })
      .max(COMMENT_MAX, { error: `comment must be at most ${COMMENT_MAX.toLocaleString("en")} characters` })
      .nullable()
      .optional(),
    label: labelSchema.optional(),
    start: offset("start").optional(),
    end: offset("end").optional(),
    expectedStatus: statusSchema.optional(),
  })
  .refine((input) => (input.start === undefined) === (input.end === undefined), { error: "give start and end together", path: ["start"] })
  .refine((input) => input.start === undefined || input.end! > input.start, { error: "end must be greater than start", path: ["end"] });

export const commentSchema = z.strictObject({ body: commentBodySchema });
export const threadSchema = z.strictObject({ resolved: z.boolean({ error: "resolved must be true or false" }) });

/** `status` of annotation lists: rejected tags are hidden unless asked for. */
export const STATUS_FILTERS = ["visible", ...TAG_STATUSES, "all"] as const;
export const annotationListQuerySchema = z.strictObject({
  offsetUnit: z.string().optional(),
  status: z.enum(STATUS_FILTERS, { error: `status must be one of ${STATUS_FILTERS.join(", ")}` }).default("visible"),
  annotator: z.string().max(320).optional(),
});
