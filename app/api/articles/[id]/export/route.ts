import { authorizeArticle, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { startArticleExport } from "@/lib/export/export";
import { exportResponse } from "@/lib/export/http";
import { articleExportQuerySchema } from "@/lib/export/schema-filters";
import { apiRoute, queryOf } from "@/lib/http/api-handler";
import { parseOrThrow } from "@/lib/http/parse";

/** One article as a dataset of one: `format`, `offsetUnit` and the tag filters (status, labels, annotators). */
export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeArticle(actor, (await params).id, "project:read"));
  const query = parseOrThrow(articleExportQuerySchema, queryOf(request));
  return exportResponse(await startArticleExport(access, access.articleId, query));
});
