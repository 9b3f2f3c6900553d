/**
 * The HTTP API described as OpenAPI 3.1, served at /api/openapi.json. A test fails when a route file under
 * app/api has no entry here, so the document stays complete as routes are added.
 */
import { EXPORT_PATHS } from "@/lib/export/openapi-paths";

const error = { $ref: "#/components/responses/Error" };
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };
const authenticated = { 401: error, 404: error };
const articleId = { name: "id", in: "path", required: true, schema: { type: "string" } };
const tagId = { name: "id", in: "path", required: true, schema: { type: "string" } };
const offsetUnit = {
  name: "offsetUnit",
  in: "query",
  description: "Unit of start/end: Unicode code points (default, as Python indexes strings) or UTF-16 code units (JavaScript)",
  schema: { type: "string", enum: ["codepoint", "utf16"], default: "codepoint" },
};
const json = (description: string) => ({ required: true, description, content: { "application/json": { schema: { type: "object" } } } });
const importBody = json(
  "One article: `text` (plain text) or `html` (exactly one), and optionally `title`, `byline`, `source`, `url`, `publishedAt` (ISO 8601), `language` (BCP 47), `keepArtifacts` (keep page furniture), `strip` (paragraph indexes to remove instead of the detected furniture)",
);

export const openApiDocument = {
  openapi: "3.1.0",
  info: { title: "Margin API", version: "1", description: "Authenticate with a session cookie or `Authorization: Bearer <API token>`." },
  security: [{ bearer: [] }],
  paths: {
    "/api/health": {
      get: {
        summary: "Whether the server and its database are up",
        security: [],
        responses: { 200: { description: "Up" }, 503: { description: "The database is unreachable" } },
      },
    },
    "/api/me": {
      get: { summary: "The user the request is authenticated as", responses: { 200: { description: "The user" }, 401: error } },
    },
    "/api/projects": {
      get: {
        summary: "The projects you are a member of, with your role",
        responses: { 200: { description: "`{ projects: Project[] }`" }, 401: error },
      },
    },
    "/api/projects/{slug}": {
      get: {
        summary: "One project, with its review and export settings",
        parameters: [slug],
        responses: { 200: { description: "`{ project: Project }`" }, ...authenticated },
      },
      patch: {
        summary: "Change the review and export settings (owners); turning auto-accept on applies it to existing tags",
        parameters: [slug],
        requestBody: json("any of `blindAnnotation`, `allowSelfReview`, `autoAcceptAgreement` (booleans) and `viewerExport` (gold or all)"),
        responses: { 200: { description: "`{ settings }`" }, 400: error, 403: error, ...authenticated },
      },
    },
    "/api/projects/{slug}/articles": {
      get: {
        summary: "A project's articles, newest first",
        parameters: [
          slug,
          {
            name: "q",
            in: "query",
            description: 'Search words over title and text ("a phrase", -excluded, or)',
            schema: { type: "string" },
          },
          { name: "status", in: "query", schema: { type: "string", enum: ["new", "in_progress", "in_review", "done"] } },
          {
            name: "label",
            in: "query",
            description: "Only articles with a tag of this label",
            schema: { type: "string", enum: ["actor", "claim", "figure", "quote"] },
          },
          { name: "annotator", in: "query", description: "Only articles tagged by this user (id or email)", schema: { type: "string" } },
          { name: "sort", in: "query", schema: { type: "string", enum: ["relevance", "newest", "oldest", "title", "published"] } },
          { name: "page", in: "query", schema: { type: "integer", minimum: 1, default: 1 } },
          { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 25 } },
        ],
        responses: {
          200: { description: "`{ items: ArticleSummary[], total, page, pageSize }`; items carry `snippet` when searching" },
          400: error,
          ...authenticated,
        },
      },
      post: {
        summary: "Import one article (editors and owners)",
        parameters: [slug],
        requestBody: importBody,
        responses: {
          201: { description: "`{ article: Article }`" },
          400: error,
          403: error,
          409: { description: "The project already has an article with the same text; `error.duplicateOf` is its id" },
          ...authenticated,
        },
      },
    },
    "/api/projects/{slug}/articles/preview": {
      post: {
        summary: "What importing this article would store, without storing it",
        parameters: [slug],
        requestBody: importBody,
        responses: {
          200: { description: "`{ preview: { detected, paragraphs, artifacts, result } }`" },
          400: error,
          403: error,
          ...authenticated,
        },
      },
    },
    "/api/projects/{slug}/imports": {
      post: {
        summary: "Import files: .txt, .md, .html, .docx, .json (an array of articles) or .jsonl (one per line)",
        parameters: [slug],
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                properties: {
                  file: { type: "array", items: { type: "string", format: "binary" } },
                  keepArtifacts: { type: "string", enum: ["true", "false"] },
                },
              },
            },
          },
        },
        responses: {
          200: { description: "`{ results: [{ label, status: imported | duplicate | failed, id?, title?, error? }] }`" },
          400: error,
          403: error,
          ...authenticated,
        },
      },
    },
    "/api/articles/{id}": {
      get: {
        summary: "One article with its canonical text (offsets are Unicode code points)",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { 200: { description: "`{ article: Article }`" }, ...authenticated },
      },
      patch: {
        summary: "Replace the article's metadata (editors and owners); the text never changes here",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        requestBody: json("`title` (required), `byline`, `source`, `url`, `publishedAt`, `language`; null or omitted clears a field"),
        responses: { 200: { description: "`{ article: Article }`" }, 400: error, 403: error, ...authenticated },
      },
    },
    "/api/projects/{slug}/review": {
      get: {
        summary:
          "Articles awaiting review (reviewers and owners): in review first, with pending/accepted/rejected counts per label and their annotators",
        parameters: [
          slug,
          { name: "status", in: "query", schema: { type: "string", enum: ["new", "in_progress", "in_review", "done"] } },
          { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
          { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 200 } },
        ],
        responses: {
          200: {
            description:
              "`{ items: [{ id, title, status, counts: { <label>: { pending, accepted, rejected } }, annotators: [{ id, email, name, done }] }], total, page, pageSize }`",
          },
          400: error,
          403: error,
          ...authenticated,
        },
      },
    },
    "/api/projects/{slug}/agreement": {
      get: {
        summary:
          "Pairwise inter-annotator agreement: Cohen's kappa on tokens, Krippendorff's alpha, span F1 (exact and overlap), overall and per label (see README for the definitions)",
        parameters: [
          slug,
          { name: "article", in: "query", description: "Only this article", schema: { type: "string" } },
          { name: "labels", in: "query", description: "Comma-separated labels to count (default all)", schema: { type: "string" } },
        ],
        responses: {
          200: {
            description:
              "`{ pairs: [{ a: { id, email, name }, b, articles, tokens, kappa, alpha, f1Exact, f1Overlap, perLabel: { <label>: { kappa, f1Exact, f1Overlap } } }] }`; null where a figure is undefined",
          },
          400: error,
          403: error,
          ...authenticated,
        },
      },
    },
    "/api/projects/{slug}/disagreements": {
      get: {
        summary:
          "Where two annotators disagree: a span one has and the other lacks, the same span with another label, overlapping spans with other boundaries",
        parameters: [
          slug,
          { name: "a", in: "query", required: true, schema: { type: "string" } },
          { name: "b", in: "query", required: true, schema: { type: "string" } },
          { name: "article", in: "query", schema: { type: "string" } },
          { name: "labels", in: "query", schema: { type: "string" } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000, default: 200 } },
        ],
        responses: {
          200: { description: "`{ total, items: [{ articleId, articleTitle, kind: only_a | only_b | label | boundary, label, a, b }] }`" },
          400: error,
          403: error,
          ...authenticated,
        },
      },
    },
    "/api/projects/{slug}/actors": {
      get: {
        summary: "Canonical names of the actors tagged in the project, most used first",
        parameters: [slug],
        responses: { 200: { description: "`{ actors: [{ name, kind, count }] }`" }, ...authenticated },
      },
    },
    "/api/articles/{id}/annotations": {
      get: {
        summary: "The article's tags (from the projection, which trails live editing by a few seconds)",
        parameters: [
          articleId,
          offsetUnit,
          {
            name: "status",
            in: "query",
            description: "visible (default: all but rejected), pending, accepted, rejected or all",
            schema: { type: "string", enum: ["visible", "pending", "accepted", "rejected", "all"], default: "visible" },
          },
          {
            name: "annotator",
            in: "query",
            description: "Only tags made by this user (id or email), alone or merged into a gold tag",
            schema: { type: "string" },
          },
        ],
        responses: {
          200: { description: "`{ annotations: Annotation[] }`; an orphan has `orphaned: true` and null offsets" },
          400: error,
          ...authenticated,
        },
      },
      post: {
        summary: "Tag a span of the canonical text; open editors show it at once (owners, editors, reviewers)",
        parameters: [articleId, offsetUnit],
        requestBody: json(
          "`label` (actor, claim, figure, quote), `start`, `end` (in offsetUnit), optional `attributes` (per label) and `note`",
        ),
        responses: { 201: { description: "`{ annotation: Annotation }`" }, 400: error, 403: error, ...authenticated },
      },
    },
    "/api/annotations/{id}": {
      get: {
        summary: "One tag",
        parameters: [tagId, offsetUnit],
        responses: { 200: { description: "`{ annotation: Annotation }`" }, ...authenticated },
      },
      patch: {
        summary: "Change a tag's label, attributes, note or span (its author or a project owner)",
        parameters: [tagId, offsetUnit],
        requestBody: json("any of `label`, `attributes`, `note`, and `start` with `end`"),
        responses: { 200: { description: "`{ annotation: Annotation }`" }, 400: error, 403: error, ...authenticated },
      },
      delete: {
        summary: "Delete a tag (its author or a project owner)",
        parameters: [tagId],
        responses: { 204: { description: "Deleted" }, 403: error, ...authenticated },
      },
    },
    "/api/annotations/{id}/restore": {
      post: {
        summary: "Put an orphaned tag back on its last words, if they are in the text again (its author or a project owner)",
        parameters: [tagId, offsetUnit],
        responses: { 200: { description: "`{ annotation: Annotation }`" }, 400: error, 403: error, ...authenticated },
      },
    },
    "/api/annotations/{id}/review": {
      post: {
        summary: "Accept or reject a tag (reviewers and owners), optionally correcting its label or span while accepting",
        parameters: [tagId, offsetUnit],
        requestBody: json(
          "`decision` (accept or reject), optional `comment`, `label`, `start` with `end`, and `expectedStatus` (the status you saw; default pending)",
        ),
        responses: {
          200: { description: "`{ annotation: Annotation }`" },
          400: error,
          403: error,
          409: { description: "Decided (or deleted) meanwhile: `{ error, annotation }` with its current state" },
          ...authenticated,
        },
      },
    },
    "/api/annotations/{id}/comments": {
      get: {
        summary: "The tag's discussion, oldest first (comments, resolve and reopen marks)",
        parameters: [tagId],
        responses: { 200: { description: "`{ comments: Comment[] }`" }, ...authenticated },
      },
      post: {
        summary: "Comment on a tag (owners, editors, reviewers); `@email` of a member mentions them",
        parameters: [tagId],
        requestBody: json("`body`: 1 to 10,000 characters"),
        responses: { 201: { description: "`{ comment: Comment }`" }, 400: error, 403: error, 409: error, ...authenticated },
      },
    },
    "/api/annotations/{id}/thread": {
      post: {
        summary: "Resolve or reopen the tag's discussion",
        parameters: [tagId],
        requestBody: json("`resolved`: true or false"),
        responses: { 200: { description: "`{ thread: { resolved } }`" }, 400: error, 403: error, ...authenticated },
      },
    },
    "/api/annotations/{id}/history": {
      get: {
        summary: "The tag's history (append-only): created, changed, accepted, rejected, commented…, by whom and when",
        parameters: [tagId],
        responses: {
          200: { description: "`{ history: [{ id, kind, data, createdAt, actor }] }`; actor null means Margin (auto-accept)" },
          ...authenticated,
        },
      },
    },
    "/api/articles/{id}/work": {
      put: {
        summary: "Mark your own work on the article done, or reopen it (in blind projects, colleagues' tags show once done)",
        parameters: [articleId],
        requestBody: json("`done`: true or false"),
        responses: { 200: { description: "`{ work: { done, articleStatus } }`" }, 400: error, 403: error, ...authenticated },
      },
    },
    "/api/articles/{id}/status": {
      post: {
        summary: "Set the article's workflow status (reviewers and owners)",
        parameters: [articleId],
        requestBody: json("`status`: new, in_progress, in_review or done"),
        responses: { 200: { description: "`{ status }`" }, 400: error, 403: error, ...authenticated },
      },
    },
    "/api/me/mentions": {
      get: {
        summary: "Comments that mention you, newest first",
        parameters: [{ name: "unseen", in: "query", schema: { type: "string", enum: ["0", "1"] } }],
        responses: { 200: { description: "`{ mentions: Mention[] }`" }, 401: error },
      },
      post: {
        summary: "Mark mentions seen (`commentIds`, or all)",
        requestBody: json("optional `commentIds`"),
        responses: { 200: { description: "`{ seen: number }`" }, 400: error, 401: error },
      },
    },
    ...EXPORT_PATHS,
    "/api/openapi.json": {
      get: { summary: "This document", security: [], responses: { 200: { description: "OpenAPI 3.1" } } },
    },
  },
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal API token (mgn_…)" } },
    responses: {
      Error: {
        description:
          "`{ error: { code, message, field? } }`; code is bad_request, unauthorized, forbidden, not_found, conflict or rate_limited",
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["error"],
              properties: {
                error: {
                  type: "object",
                  required: ["code", "message"],
                  properties: { code: { type: "string" }, message: { type: "string" }, field: { type: "string" } },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;
