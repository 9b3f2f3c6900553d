/** The article's tags: listing them, and tagging words. */
import { z } from "zod";
import { articleParams, defineRoute, errors } from "@/lib/http/contract";
import { noteSchema, offsetSchema, offsetUnitQuerySchema, offsetUnitSchema } from "@/lib/tags/schema";
import { labelSchema, TAG_STATUSES } from "@/lib/vocabulary";

/** `status` of annotation lists: rejected tags are hidden unless asked for. */
export const STATUS_FILTERS = ["visible", ...TAG_STATUSES, "all"] as const;
export const annotationListQuerySchema = z.strictObject({
  offsetUnit: offsetUnitSchema,
  status: z
    .enum(STATUS_FILTERS, { error: `status must be one of ${STATUS_FILTERS.join(", ")}` })
    .default("visible")
    .describe("visible (default: all but rejected), pending, accepted, rejected or all"),
  annotator: z.string().max(320).optional().describe("Only tags made by this user (id or email), alone or merged into a gold tag"),
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

export const contract = defineRoute("/api/articles/{id}/annotations", {
  GET: {
    summary: "The article's tags (from the projection, which trails live editing by a few seconds)",
    params: articleParams,
    query: annotationListQuerySchema,
    responses: {
      200: "`{ annotations: Annotation[] }`; an orphan has `orphaned: true` and null offsets",
      ...errors(400, 401, 404),
    },
  },
  POST: {
    summary: "Tag a span of the canonical text; open editors show it at once (owners, editors, reviewers)",
    params: articleParams,
    query: offsetUnitQuerySchema,
    body: createAnnotationSchema,
    responses: { 201: "`{ annotation: Annotation }`", ...errors(400, 401, 403, 404) },
  },
});
