import { importUploadedFiles } from "@/lib/articles/api";
import { json } from "@/lib/http/api-handler";
import { projectRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

/**
 * Imports uploaded files (multipart/form-data, field `file`, repeatable; `keepArtifacts=true` to keep page
 * furniture). Always 200 with one result per article: imported, duplicate or failed with its reason.
 */
export const POST = projectRoute("articles:import", contract.methods.POST, async ({ access, body: { files, fields } }) =>
  json({ results: await importUploadedFiles(access, files, fields) }),
);
