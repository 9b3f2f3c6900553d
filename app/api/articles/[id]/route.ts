import { getArticle } from "@/lib/articles/data";
import { authorizeArticle, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { apiRoute, json } from "@/lib/http/api-handler";

export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeArticle(actor, (await params).id, "project:read"));
  return json({ article: await getArticle(access) });
});
