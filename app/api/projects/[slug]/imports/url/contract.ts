/** Importing an article by its address. */
import { urlImportQuerySchema, urlImportSchema } from "@/lib/articles/url/url-import-schema";
import { defineRoute, errors, slugParams } from "@/lib/http/contract";

export const contract = defineRoute("/api/projects/{slug}/imports/url", {
  POST: {
    summary:
      "Import the article of a web page: fetched by the server (HTML only, at most 5 MB, 15 s and 5 redirects; no private, loopback or link-local addresses unless the operator allows them), extracted with Readability",
    params: slugParams,
    query: urlImportQuerySchema,
    body: urlImportSchema,
    responses: {
      201: '`{ result: { label, status: "imported", id, title, removedArtifacts } }`',
      200: '`{ result: { label, status: "duplicate", id, title, match? } }`: the project already has the same text, or (`match: "url"`) an article at the same canonical address; with `?preview=1`, `{ preview: { detected, paragraphs, artifacts, result, url } }` and nothing stored',
      ...errors(400, 401, 403, 404),
      422: "The page holds no article text",
      502: "The page could not be fetched: the host is unreachable, answered an error status, or redirected too often",
      503: "The database refused the article (logged); try again",
      504: "The page did not arrive within the time limit",
    },
  },
});
