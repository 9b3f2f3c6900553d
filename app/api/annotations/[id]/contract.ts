/** One tag: reading, changing and deleting it. */
import { z } from "zod";
import { noteSchema, offsetSchema } from "@/lib/tags/schema";
import { labelSchema } from "@/lib/vocabulary";

export const updateAnnotationSchema = z
  .strictObject({
    label: labelSchema.optional(),
    start: offsetSchema("start").optional(),
    end: offsetSchema("end").optional(),
    attributes: z.record(z.string(), z.unknown(), { error: "attributes must be an object" }).optional(),
    note: noteSchema.optional(),
  })
  .refine((input) => (input.start === undefined) === (input.end === undefined), { error: "give start and end together", path: ["start"] })
  .refine((input) => input.start === undefined || input.end! > input.start, { error: "end must be greater than start", path: ["end"] });
