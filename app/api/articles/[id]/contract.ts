/** One article: reading it, editing its metadata. */
import { articleMetadataSchema } from "@/lib/articles/import-schema";
import { articleParams, defineRoute, errors } from "@/lib/http/contract";

export const contract = defineRoute("/api/articles/{id}", {
  GET: {
    summary: "One article with its canonical text (offsets are Unicode code points)",
    params: articleParams,
    responses: { 200: "`{ article: Article }`", ...errors(401, 404) },
  },
  PATCH: {
    summary: "Replace the article's metadata (editors and owners); the text never changes here",
    params: articleParams,
    body: articleMetadataSchema.describe(
      "`title` (required), `byline`, `source`, `url`, `publishedAt`, `language`; null or omitted clears a field",
    ),
    responses: { 200: "`{ article: Article }`", ...errors(400, 401, 403, 404) },
  },
});
