/** Accepting or rejecting a tag. */
import { z } from "zod";
import { defineRoute, errors, tagParams } from "@/lib/http/contract";
import { COMMENT_MAX } from "@/lib/review/schema";
import { offsetSchema, offsetUnitQuerySchema } from "@/lib/tags/schema";
import { DECISIONS, labelSchema, TAG_STATUSES } from "@/lib/vocabulary";

const statusSchema = z.enum(TAG_STATUSES, { error: `must be one of ${TAG_STATUSES.join(", ")}` });

export const reviewSchema = z
  .strictObject({
    decision: z.enum(DECISIONS, { error: `decision must be ${DECISIONS.join(" or ")}` }),
    comment: z
      .string({ error: "comment must be a string" })
      .max(COMMENT_MAX, { error: `comment must be at most ${COMMENT_MAX.toLocaleString("en")} characters` })
      .nullable()
      .optional(),
    label: labelSchema.optional(),
    start: offsetSchema("start").optional(),
    end: offsetSchema("end").optional(),
    expectedStatus: statusSchema.optional().describe("The status you saw (default pending): a tag decided meanwhile is a 409"),
  })
  .refine((input) => (input.start === undefined) === (input.end === undefined), { error: "give start and end together", path: ["start"] })
  .refine((input) => input.start === undefined || input.end! > input.start, { error: "end must be greater than start", path: ["end"] });

export const contract = defineRoute("/api/annotations/{id}/review", {
  POST: {
    summary: "Accept or reject a tag (reviewers and owners), optionally correcting its label or span while accepting",
    params: tagParams,
    query: offsetUnitQuerySchema,
    body: reviewSchema,
    responses: {
      200: "`{ annotation: Annotation }`",
      ...errors(400, 401, 403, 404),
      409: "Decided (or deleted) meanwhile: `{ error, annotation }` with its current state",
    },
  },
});
