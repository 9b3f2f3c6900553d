/**
 * The export's routes in the API's OpenAPI document (lib/http/openapi.ts spreads these into its paths).
 */
const error = { $ref: "#/components/responses/Error" };
const authenticated = { 401: error, 404: error };
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };
const query = (name: string, description: string, schema: object = { type: "string" }) => ({ name, in: "query", description, schema });
const FORMATS = ["json", "jsonl", "csv", "w3c", "conll", "spacy", "labelstudio"];
const format = query(
  "format",
  "json: one document (lib/export/schema.json); jsonl: one article per line; csv: one tag per row; w3c: Web Annotation JSON-LD; conll: BIO tokens; spacy; labelstudio",
  { type: "string", enum: FORMATS, default: "json" },
);
const offsetUnit = query("offsetUnit", "Unit of start/end in json, jsonl and csv: code points (Python) or UTF-16 code units (JavaScript)", {
  type: "string",
  enum: ["codepoint", "utf16"],
  default: "codepoint",
});
const tagFilters = [
  query("status", "Tags of this status; viewers get accepted (gold) only unless the owner allows more", {
    type: "string",
    enum: ["all", "accepted", "gold", "pending", "rejected"],
    default: "all",
  }),
  query("labels", "Comma-separated labels: actor, claim, figure, quote"),
  query("annotators", "Comma-separated user ids or emails: tags any of them made"),
];
const articleFilters = [
  query("articles", "Comma-separated article ids"),
  query("updatedSince", "ISO 8601 date or date-time with a zone: articles whose row, a tag or a decision changed at or after it", {
    type: "string",
    format: "date-time",
  }),
  query("articleStatus", "Comma-separated: new, in_progress, in_review, done"),
];
const download = {
  200: {
    description:
      "The dataset, streamed (gzip when Accept-Encoding allows). Headers: Content-Disposition, X-Margin-Format, X-Margin-Format-Version, X-Margin-Offset-Unit, X-Margin-Article-Count, X-Margin-Tag-Count; the dataset version is the SHA-256 of the jsonl body (json carries it at its end)",
  },
  400: error,
  403: error,
  ...authenticated,
};

export const EXPORT_PATHS = {
  "/api/projects/{slug}/export": {
    get: {
      summary: "The project's dataset in one format, filtered; one consistent snapshot of the database",
      parameters: [slug, format, offsetUnit, ...tagFilters, ...articleFilters],
      responses: download,
    },
  },
  "/api/articles/{id}/export": {
    get: {
      summary: "One article as a dataset",
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }, format, offsetUnit, ...tagFilters],
      responses: download,
    },
  },
  "/api/export/schema": {
    get: {
      summary: "The JSON Schema of the json export (each jsonl line is its $defs/article)",
      security: [],
      responses: { 200: { description: "JSON Schema 2020-12" } },
    },
  },
  "/api/projects/{slug}/snapshots": {
    get: {
      summary: "The project's saved snapshots, newest first",
      parameters: [slug],
      responses: {
        200: {
          description:
            "`{ snapshots: [{ id, name, filters, offsetUnit, contentHash, articleCount, tagCount, byteSize, createdAt, createdBy }] }`",
        },
        ...authenticated,
      },
    },
    post: {
      summary: "Save a snapshot of the dataset: `{ name, filters? }` (filters as the export's query parameters, offsetUnit included)",
      parameters: [slug],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["name"],
              properties: { name: { type: "string", maxLength: 100 }, filters: { type: "object" } },
            },
          },
        },
      },
      responses: {
        201: { description: "`{ snapshot }`" },
        400: error,
        403: error,
        409: { description: "A snapshot of that name exists" },
        ...authenticated,
      },
    },
  },
  "/api/projects/{slug}/snapshots/{id}": {
    get: {
      summary: "Download a snapshot again: jsonl in its own unit is the stored bytes; another format or unit replays the stored articles",
      parameters: [
        slug,
        { name: "id", in: "path", required: true, schema: { type: "string" } },
        { ...format, schema: { type: "string", enum: FORMATS, default: "jsonl" } },
        { ...offsetUnit, schema: { type: "string", enum: ["codepoint", "utf16"] } },
      ],
      responses: download,
    },
  },
  "/api/projects/{slug}/snapshots/diff": {
    get: {
      summary:
        "What changed between two snapshots: tags added, removed, changed (label, span, text, status, attributes, note, authors, reviews)",
      parameters: [
        slug,
        query("from", "A snapshot id or name"),
        query("to", "A snapshot id or name"),
        query("limit", "Changes listed at most (all are counted)", { type: "integer", minimum: 0, maximum: 10000, default: 1000 }),
      ],
      responses: {
        200: { description: "`{ from, to, summary: { tags, articles }, changes: [...], truncated }`" },
        400: error,
        403: error,
        ...authenticated,
      },
    },
  },
  "/api/projects/{slug}/imports/dataset": {
    post: {
      summary: "Import a Margin dataset (a json export) with its tags, attributes, relations and decisions (editors and owners)",
      parameters: [slug, query("name", "The file's name, to label the results")],
      requestBody: { required: true, content: { "application/json": { schema: { $ref: "/api/export/schema" } } } },
      responses: {
        200: { description: "`{ results: [{ label, status: imported | duplicate | failed, id?, title?, tags?, error? }] }`" },
        400: error,
        403: error,
        ...authenticated,
      },
    },
  },
} as const;
