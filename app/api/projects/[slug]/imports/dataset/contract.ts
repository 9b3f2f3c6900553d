/** Importing a Margin dataset. */
import { z } from "zod";
import { maxDatasetArticles, maxDatasetBytes } from "@/lib/export/http";
import { DATASET_HEAD_KEYS } from "@/lib/export/dataset-schema";
import { parameters } from "@/lib/export/schema-filters";
import { jsonFile } from "@/lib/http/body";
import { defineRoute, errors, slugParams } from "@/lib/http/contract";

/** `POST …/imports/dataset?name=<file name>`: the name labels the per-article results. */
export const datasetImportQuerySchema = parameters({
  name: z
    .string()
    .trim()
    .max(200, { error: "name must be at most 200 characters" })
    .default("dataset.json")
    .describe("The file's name, to label the results"),
});

export const contract = defineRoute("/api/projects/{slug}/imports/dataset", {
  POST: {
    summary: "Import a Margin dataset (a json export) with its tags, attributes, relations and decisions (editors and owners)",
    params: slugParams,
    query: datasetImportQuerySchema,
    body: jsonFile({
      maxBytes: maxDatasetBytes,
      field: "file",
      typeMessage: "Send the dataset (a json export) with Content-Type: application/json",
      invalidMessage: "The file is not valid JSON: export the dataset with format=json",
      description: "A `json` export, whole (at most 100 MB and 50,000 articles unless configured)",
      schema: { $ref: "/api/export/schema" },
      items: {
        key: "articles",
        max: maxDatasetArticles,
        tooMany: (max) => `The dataset holds more than ${max.toLocaleString("en")} articles: import it in parts, or with the CLI`,
      },
      head: DATASET_HEAD_KEYS,
    }),
    responses: {
      200:
        "`{ counts: { imported, duplicate, failed }, tags, results: [{ label, status: imported | duplicate | failed, id?, title?, tags?, error? }], more }`: " +
        "every article counted; the first 100 results listed, and the first 100 failures after them; `more` results not listed",
      ...errors(400, 401, 403, 404),
    },
  },
});
