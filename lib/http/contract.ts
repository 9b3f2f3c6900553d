/**
 * What an API route declares about itself, in a `contract.ts` next to its `route.ts`: per method a summary,
 * its path parameters, query and body schemas, and the statuses it answers. The route wrappers
 * (lib/routes/wrappers.ts) parse requests with these schemas and the OpenAPI document (lib/http/openapi.ts) is
 * generated from them, so what is documented is what is checked.
 */
import { z } from "zod";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];

export type JsonSchema = Record<string, unknown>;

/** A body that is not one JSON object checked by a zod schema (uploads): how to read it, how to describe it. */
export type BodyReader<T> = {
  read(request: Request): Promise<T>;
  /** The OpenAPI request body: its media types and their schemas. */
  describe(): { description?: string; content: Record<string, { schema: JsonSchema }> };
};

export type Operation = {
  summary: string;
  description?: string;
  /** Path parameters, named as the route's [folders]. */
  params?: z.ZodObject;
  query?: z.ZodType;
  /** A zod schema for a JSON body, or a reader for anything else. */
  body?: z.ZodType | BodyReader<unknown>;
  /** Each status and what its response holds; every 4xx comes with the error object. */
  responses: Record<number, string>;
  /** Answered without authentication (health, this API's description). */
  public?: true;
};

export type RouteContract<M extends Partial<Record<Method, Operation>> = Partial<Record<Method, Operation>>> = {
  /** In OpenAPI's form: /api/projects/{slug}. */
  path: string;
  methods: M;
};

export function defineRoute<const M extends Partial<Record<Method, Operation>>>(path: string, methods: M): RouteContract<M> {
  return { path, methods };
}

export function isBodyReader(body: Operation["body"]): body is BodyReader<unknown> {
  return typeof (body as BodyReader<unknown> | undefined)?.read === "function";
}

/**
 * The JSON Schema of what a client sends: zod's input side, before defaults, coercions and transforms,
 * which is what a request carries. zod throws on a part it cannot represent, so that a contract gives such
 * a body a described schema of its own (a BodyReader) rather than a wrong one.
 */
export function requestSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: "input" }) as JsonSchema;
  return json;
}

/** The path parameter of routes under /api/projects/{slug}. */
export const slugParams = z.object({ slug: z.string().describe("The project's slug") });
export const articleParams = z.object({ id: z.string().describe("The article's id") });
export const tagParams = z.object({ id: z.string().describe("The tag's id") });

/** What the common errors mean; a route lists those it can answer with `errors(…)`. */
const ERRORS = {
  400: "Bad input: `error.field` names the parameter or field at fault",
  401: "No session and no valid API token (`WWW-Authenticate: Bearer`)",
  403: "Your role in the project does not allow this",
  404: "Not found, or in a project you are not a member of",
} as const;

export function errors(...statuses: (keyof typeof ERRORS)[]): Record<number, string> {
  return Object.fromEntries(statuses.map((status) => [status, ERRORS[status]]));
}
