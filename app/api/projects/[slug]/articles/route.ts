import { listArticles } from "@/lib/articles/data";
import { listArticlesQuerySchema } from "@/lib/articles/schema";
import { authorizeProject, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { apiRoute, json, queryOf } from "@/lib/http/api-handler";
import { parseOrThrow } from "@/lib/http/parse";

export const GET = apiRoute<{ slug: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeProject(actor, (await params).slug, "project:read"));
  const query = parseOrThrow(listArticlesQuerySchema, queryOf(request));
  return json(await listArticles(access, query));
});
