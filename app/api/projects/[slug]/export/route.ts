import { authorizeProject, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { startProjectExport } from "@/lib/export/export";
import { exportResponse } from "@/lib/export/http";
import { projectExportQuerySchema } from "@/lib/export/schema-filters";
import { apiRoute, queryOf } from "@/lib/http/api-handler";
import { parseOrThrow } from "@/lib/http/parse";

/**
 * The project's dataset, streamed: `format`, `offsetUnit` and the filters (status, labels, annotators,
 * articles, updatedSince, articleStatus). Viewers get the gold layer unless the owner allows more.
 */
export const GET = apiRoute<{ slug: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeProject(actor, (await params).slug, "project:read"));
  const query = parseOrThrow(projectExportQuerySchema, queryOf(request));
  return exportResponse(await startProjectExport(access, query));
});
