/** The article's tags: listing them, and tagging words. */
import { z } from "zod";
import { noteSchema, offsetSchema } from "@/lib/tags/schema";
import { labelSchema, TAG_STATUSES } from "@/lib/vocabulary";

/** `status` of annotation lists: rejected tags are hidden unless asked for. */
export const STATUS_FILTERS = ["visible", ...TAG_STATUSES, "all"] as const;
export const annotationListQuerySchema = z.strictObject({
  offsetUnit: z.string().optional(),
  status: z.enum(STATUS_FILTERS, { error: `status must be one of ${STATUS_FILTERS.join(", ")}` }).default("visible"),
  annotator: z.string().max(320).optional(),
});

export const createAnnotationSchema = z
  .strictObject({
    label: labelSchema,
    start: offsetSchema("start"),
    end: offsetSchema("end"),
    attributes: z.record(z.string(), z.unknown(), { error: "attributes must be an object" }).optional(),
    note: noteSchema.optional(),
  })
  .refine((input) => input.end > input.start, { error: "end must be greater than start", path: ["end"] });
