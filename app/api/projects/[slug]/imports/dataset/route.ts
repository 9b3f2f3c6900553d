import { importDatasetDocument } from "@/lib/export/import-dataset";
import { json } from "@/lib/http/api-handler";
import { projectRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

/**
 * Imports a Margin dataset (a `json` export, sent as application/json) with its tags, attributes,
 * relations and decisions (editors and owners). Always 200 with one result per article.
 */
export const POST = projectRoute("articles:import", contract.methods.POST, async ({ access, query, body }) =>
  json({ results: await importDatasetDocument(access, { name: query.name, value: body }) }),
);
