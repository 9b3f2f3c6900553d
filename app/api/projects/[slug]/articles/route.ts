import { getArticle, listArticles } from "@/lib/articles/data";
import { itemFromInput } from "@/lib/articles/import-files";
import { importItemSchema } from "@/lib/articles/import-schema";
import { importArticle } from "@/lib/articles/mutations";
import { listArticlesQuerySchema } from "@/lib/articles/schema";
import { authorizeArticle, authorizeProject, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { AppError } from "@/lib/errors";
import { apiRoute, json, queryOf } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";

export const GET = apiRoute<{ slug: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeProject(actor, (await params).slug, "project:read"));
  const query = parseOrThrow(listArticlesQuerySchema, queryOf(request));
  return json(await listArticles(access, query));
});

/** Imports one article: 201 with it, 409 when the project already has the same text, 400 for bad input. */
export const POST = apiRoute<{ slug: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeProject(actor, (await params).slug, "articles:import"));
  const input = parseOrThrow(importItemSchema, await readJson(request));
  const result = await importArticle(access, itemFromInput("api", input), "api");
  if (result.status === "failed") throw new AppError("bad_request", result.error, input.html !== undefined ? "html" : "text");
  if (result.status === "duplicate") {
    return json(
      {
        error: {
          code: "conflict",
          message: `This project already has an article with the same text: "${result.title}"`,
          duplicateOf: result.id,
        },
      },
      { status: 409 },
    );
  }
  const article = await getArticle(unwrapAccess(await authorizeArticle(actor, result.id, "project:read")));
  return json({ article }, { status: 201 });
});
