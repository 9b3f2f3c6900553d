/** A project's articles: the searchable list, and importing one. */
import { importItemSchema } from "@/lib/articles/import-schema";
import { listArticlesQuerySchema } from "@/lib/articles/schema";
import { defineRoute, errors, slugParams } from "@/lib/http/contract";

/** One article to import (shared with the preview). */
export const importBody = importItemSchema.describe(
  "One article: `text` (plain text) or `html` (exactly one), and optionally `title`, `byline`, `source`, `url`, `publishedAt` (ISO 8601), `language` (BCP 47), `keepArtifacts` (keep page furniture), `strip` (paragraph indexes to remove instead of the detected furniture)",
);

export const contract = defineRoute("/api/projects/{slug}/articles", {
  GET: {
    summary: "A project's articles, newest first",
    params: slugParams,
    query: listArticlesQuerySchema,
    responses: {
      200: "`{ items: ArticleSummary[], total, page, pageSize }`; items carry `snippet` when searching",
      ...errors(400, 401, 404),
    },
  },
  POST: {
    summary: "Import one article (editors and owners)",
    params: slugParams,
    body: importBody,
    responses: {
      201: "`{ article: Article }`",
      ...errors(400, 401, 403, 404),
      409: "The project already has an article with the same text; `error.duplicateOf` is its id",
    },
  },
});
