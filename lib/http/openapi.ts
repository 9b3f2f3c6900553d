/**
 * The HTTP API described as OpenAPI 3.1, served at /api/openapi.json. A test fails when a route file under
 * app/api has no entry here, so the document stays complete as routes are added.
 */
const error = { $ref: "#/components/responses/Error" };
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };
const authenticated = { 401: error, 404: error };

export const openApiDocument = {
  openapi: "3.1.0",
  info: { title: "Margin API", version: "1", description: "Authenticate with a session cookie or `Authorization: Bearer <API token>`." },
  security: [{ bearer: [] }],
  paths: {
    "/api/health": {
      get: { summary: "Whether the server and its database are up", security: [], responses: { 200: { description: "Up" }, 503: { description: "The database is unreachable" } } },
    },
    "/api/me": {
      get: { summary: "The user the request is authenticated as", responses: { 200: { description: "The user" }, 401: error } },
    },
    "/api/projects": {
      get: { summary: "The projects you are a member of, with your role", responses: { 200: { description: "`{ projects: Project[] }`" }, 401: error } },
    },
    "/api/projects/{slug}": {
      get: { summary: "One project", parameters: [slug], responses: { 200: { description: "`{ project: Project }`" }, ...authenticated } },
    },
    "/api/projects/{slug}/articles": {
      get: {
        summary: "A project's articles, newest first",
        parameters: [
          slug,
          { name: "page", in: "query", schema: { type: "integer", minimum: 1, default: 1 } },
          { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
        ],
        responses: { 200: { description: "`{ items: ArticleSummary[], total, page, pageSize }`" }, 400: error, ...authenticated },
      },
    },
    "/api/articles/{id}": {
      get: {
        summary: "One article with its canonical text (offsets are Unicode code points)",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { 200: { description: "`{ article: Article }`" }, ...authenticated },
      },
    },
    "/api/openapi.json": {
      get: { summary: "This document", security: [], responses: { 200: { description: "OpenAPI 3.1" } } },
    },
  },
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal API token (mgn_…)" } },
    responses: {
      Error: {
        description: "`{ error: { code, message, field? } }`; code is bad_request, unauthorized, forbidden, not_found, conflict or rate_limited",
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["error"],
              properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" }, field: { type: "string" } } } },
            },
          },
        },
      },
    },
  },
} as const;
