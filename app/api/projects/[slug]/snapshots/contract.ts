/** A project's saved snapshots: listing them, saving one. */
import { z } from "zod";
import { articleFilters, offsetUnitParameter, parameters, tagFilters } from "@/lib/export/schema-filters";
import { defineRoute, errors, slugParams } from "@/lib/http/contract";

/** What a snapshot is made of: the project export's filters and unit (the format is chosen at download). */
export const createSnapshotSchema = parameters({
  name: z
    .string({ error: "name is required" })
    .trim()
    .min(1, { error: "name is required" })
    // Names appear in file names and lists: one line, short.
    .max(100, { error: "name must be at most 100 characters" })
    .regex(/^[^\p{Cc}\p{Cf}]+$/u, { error: "name must not contain control characters" }),
  filters: parameters({ offsetUnit: offsetUnitParameter.default("codepoint"), ...tagFilters, ...articleFilters })
    .default({ offsetUnit: "codepoint" })
    .describe("The export's filters, as its query parameters, offsetUnit included"),
});

export const contract = defineRoute("/api/projects/{slug}/snapshots", {
  GET: {
    summary: "The project's saved snapshots, newest first",
    params: slugParams,
    responses: {
      200: "`{ snapshots: [{ id, name, filters, offsetUnit, contentHash, articleCount, tagCount, byteSize, createdAt, createdBy }] }`",
      ...errors(401, 404),
    },
  },
  POST: {
    summary: "Save a snapshot of the dataset: `{ name, filters? }` (filters as the export's query parameters, offsetUnit included)",
    params: slugParams,
    body: createSnapshotSchema,
    responses: { 201: "`{ snapshot }`", ...errors(400, 401, 403, 404), 409: "A snapshot of that name exists" },
  },
});
