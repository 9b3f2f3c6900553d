import { editArticleMetadata } from "@/lib/articles/api";
import { getArticle } from "@/lib/articles/data";
import { json } from "@/lib/http/api-handler";
import { articleRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

export const GET = articleRoute("project:read", contract.methods.GET, async ({ access }) => json({ article: await getArticle(access) }));

/** Replaces the article's metadata (title, byline, source, url, publishedAt, language); never its text. */
export const PATCH = articleRoute("articles:edit", contract.methods.PATCH, async ({ access, body }) =>
  json({ article: await editArticleMetadata(access, body) }),
);
