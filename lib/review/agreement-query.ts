/**
 * Query parameters of the agreement and disagreement endpoints and pages, shared by both.
 */
import { z } from "zod";
import { LABELS } from "@/lib/vocabulary";

const labelList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((label) => label.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.enum(LABELS, { error: `labels must be a comma-separated list of ${LABELS.join(", ")}` }))
      .min(1, { error: "labels must name at least one label" }),
  );

export const agreementQuerySchema = z.strictObject({
  article: z.string().max(64).optional().describe("Only this article"),
  labels: labelList.optional().describe("Comma-separated labels to count (default all)"),
});

export const disagreementQuerySchema = agreementQuerySchema.extend({
  a: z.string({ error: "a (a user id) is required" }).min(1).max(64).describe("One annotator's user id"),
  b: z.string({ error: "b (a user id) is required" }).min(1).max(64).describe("The other annotator's user id"),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
