import { importDatasetDocument } from "@/lib/export/import-dataset";
import { json } from "@/lib/http/api-handler";
import { projectRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

/**
 * Imports a Margin dataset (a `json` export, sent as application/json and read as it arrives) with its tags,
 * attributes, relations and decisions (editors and owners). Always 200 with every article counted and the
 * first results listed.
 */
export const POST = projectRoute("articles:import", contract.methods.POST, async ({ access, query, body }) =>
  json(await importDatasetDocument(access, { name: query.name, body })),
);
