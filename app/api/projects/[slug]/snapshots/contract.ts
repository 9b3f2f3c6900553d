/** A project's saved snapshots: listing them, saving one. */
import { z } from "zod";
import { articleFilters, offsetUnitParameter, parameters, tagFilters } from "@/lib/export/schema-filters";

/** What a snapshot is made of: the project export's filters and unit (the format is chosen at download). */
export const createSnapshotSchema = parameters({
  name: z
    .string({ error: "name is required" })
    .trim()
    .min(1, { error: "name is required" })
    // Names appear in file names and lists: one line, short.
    .max(100, { error: "name must be at most 100 characters" })
    .regex(/^[^\p{Cc}\p{Cf}]+$/u, { error: "name must not contain control characters" }),
  filters: parameters({ offsetUnit: offsetUnitParameter.default("codepoint"), ...tagFilters, ...articleFilters }).default({
    offsetUnit: "codepoint",
  }),
});
