import { authorizeProject, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { AppError } from "@/lib/errors";
import { maxDatasetBytes } from "@/lib/export/http";
import { importDataset, readDatasetDocument } from "@/lib/export/import-dataset";
import { apiRoute, json, queryOf } from "@/lib/http/api-handler";
import { limitedBody } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { datasetImportQuerySchema } from "./contract";

/**
 * Imports a Margin dataset (a `json` export, sent as application/json) with its tags, attributes,
 * relations and decisions (editors and owners). Always 200 with one result per article.
 */
export const POST = apiRoute<{ slug: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeProject(actor, (await params).slug, "articles:import"));
  const { name } = parseOrThrow(datasetImportQuerySchema, queryOf(request));
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
    throw new AppError("bad_request", "Send the dataset (a json export) with Content-Type: application/json", "file");
  const body = limitedBody(request, maxDatasetBytes(), "file");
  const text = await new Response(body.stream).text().catch((error: unknown) => {
    throw body.tooLarge() ?? error;
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The file is not valid JSON: export the dataset with format=json", "file");
  }
  const document = readDatasetDocument(value);
  return json({ results: await importDataset(access, { name, ...document }, access.userId!) });
});
