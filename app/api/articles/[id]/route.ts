import { getArticle } from "@/lib/articles/data";
import { articleMetadataSchema } from "@/lib/articles/import-schema";
import { updateArticleMetadata } from "@/lib/articles/mutations";
import { authorizeArticle, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";

export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeArticle(actor, (await params).id, "project:read"));
  return json({ article: await getArticle(access) });
});

/** Replaces the article's metadata (title, byline, source, url, publishedAt, language); never its text. */
export const PATCH = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeArticle(actor, (await params).id, "articles:edit"));
  await updateArticleMetadata(access, parseOrThrow(articleMetadataSchema, await readJson(request)));
  return json({ article: await getArticle(access) });
});
