/** One tag: reading, changing and deleting it. */
import { z } from "zod";
import { defineRoute, errors, tagParams } from "@/lib/http/contract";
import { noteSchema, offsetSchema, offsetUnitQuerySchema } from "@/lib/tags/schema";
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

export const contract = defineRoute("/api/annotations/{id}", {
  GET: {
    summary: "One tag",
    params: tagParams,
    query: offsetUnitQuerySchema,
    responses: { 200: "`{ annotation: Annotation }`", ...errors(400, 401, 404) },
  },
  PATCH: {
    summary: "Change a tag's label, attributes, note or span (its author or a project owner)",
    params: tagParams,
    query: offsetUnitQuerySchema,
    body: updateAnnotationSchema,
    responses: { 200: "`{ annotation: Annotation }`", ...errors(400, 401, 403, 404) },
  },
  DELETE: {
    summary: "Delete a tag (its author or a project owner)",
    params: tagParams,
    responses: { 204: "Deleted", ...errors(401, 403, 404) },
  },
});
