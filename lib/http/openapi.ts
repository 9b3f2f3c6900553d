/**
 * The HTTP API described as OpenAPI 3.1 (served at /api/openapi.json), built from the routes' contracts:
 * parameters and request bodies are the JSON Schemas of the zod schemas the routes parse with, so the
 * document cannot promise what a route refuses. A test checks that every route has a contract here.
 */
import { isBodyReader, METHODS, requestSchemaOf, type JsonSchema, type Operation, type RouteContract } from "./contract";

const ERROR_SCHEMA = {
  description: "code is bad_request, unauthorized, forbidden, not_found, conflict or rate_limited; field names the input at fault",
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" }, field: { type: "string" } },
    },
  },
};

type Parameter = { name: string; in: "path" | "query"; required?: true; description?: string; schema: JsonSchema };

/** One parameter per property of an object schema (path parameters are always required). */
function parametersOf(schema: Operation["query"], where: Parameter["in"]): Parameter[] {
  if (!schema) return [];
  const json = requestSchemaOf(schema);
  if (json.type !== "object" || !json.properties)
    throw new Error(`${where} parameters must be an object schema, not ${JSON.stringify(json)}`);
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(json.properties as Record<string, JsonSchema>).map(([name, property]) => {
    const { description, ...schema } = property;
    return {
      name,
      in: where,
      ...(where === "path" || required.has(name) ? { required: true as const } : {}),
      ...(typeof description === "string" ? { description } : {}),
      schema,
    };
  });
}

function requestBodyOf(body: NonNullable<Operation["body"]>) {
  if (isBodyReader(body)) return { required: true, ...body.describe() };
  const schema = requestSchemaOf(body);
  const description = typeof schema.description === "string" ? { description: schema.description } : {};
  return { required: true, ...description, content: { "application/json": { schema } } };
}

function operationOf(operation: Operation) {
  const parameters = [...parametersOf(operation.params, "path"), ...parametersOf(operation.query, "query")];
  const error = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  return {
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    ...(operation.public ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(operation.body ? { requestBody: requestBodyOf(operation.body) } : {}),
    responses: Object.fromEntries(
      Object.entries(operation.responses).map(([status, description]) => [
        status,
        Number(status) >= 400 ? { description, ...error } : { description },
      ]),
    ),
  };
}

export function buildOpenApiDocument(contracts: readonly RouteContract[]) {
  const paths = contracts.map((contract) => [
    contract.path,
    Object.fromEntries(
      METHODS.flatMap((method) => (contract.methods[method] ? [[method.toLowerCase(), operationOf(contract.methods[method])]] : [])),
    ),
  ]);
  return {
    openapi: "3.1.0",
    info: { title: "Margin API", version: "1", description: "Authenticate with a session cookie or `Authorization: Bearer <API token>`." },
    security: [{ bearer: [] }],
    paths: Object.fromEntries(paths) as Record<string, Record<string, ReturnType<typeof operationOf>>>,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal API token (mgn_…)" } },
      schemas: { Error: ERROR_SCHEMA },
    },
  };
}
