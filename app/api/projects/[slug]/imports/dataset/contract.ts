/** Importing a Margin dataset. */
import { z } from "zod";
import { parameters } from "@/lib/export/schema-filters";

/** `POST …/imports/dataset?name=<file name>`: the name labels the per-article results. */
export const datasetImportQuerySchema = parameters({
  name: z.string().trim().max(200, { error: "name must be at most 200 characters" }).default("dataset.json"),
});
