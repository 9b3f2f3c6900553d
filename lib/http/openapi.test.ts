import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { CONTRACTS } from "@/app/api/contracts";
import { EXPORT_FORMATS } from "@/lib/export/formats/types";
import { LABELS } from "@/lib/vocabulary";
import { isBodyReader, METHODS, type Operation, type RouteContract } from "./contract";
import { buildOpenApiDocument } from "./openapi";

const openApiDocument = buildOpenApiDocument(CONTRACTS);
const API = path.join(process.cwd(), "app", "api");

/** The route folders under app/api, as files and in OpenAPI's `{param}` form. */
function routeFolders(dir = API, prefix = "/api"): { folder: string; path: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory()) return [];
    // Auth.js's own endpoints and the JSON 404 for unknown paths are not part of the documented API.
    if (entry.name === "auth" || entry.name.startsWith("[...")) return [];
    const folder = path.join(dir, entry.name);
    const route = `${prefix}/${entry.name.replace(/^\[(.+)\]$/, "{$1}")}`;
    const own = fs.existsSync(path.join(folder, "route.ts")) ? [{ folder, path: route }] : [];
    return [...own, ...routeFolders(folder, route)];
  });
}

/** API paths that the app's route files implement, with the methods they export. */
function routePaths(): { path: string; methods: string[] }[] {
  return routeFolders().map(({ folder, path: route }) => ({
    path: route,
    methods: [
      ...fs
        .readFileSync(path.join(folder, "route.ts"), "utf8")
        .matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g),
    ].map((match) => match[1]!.toLowerCase()),
  }));
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const operation = (route: string, method: string): Json => (openApiDocument.paths[route] as Json)[method];
const parameter = (route: string, method: string, name: string): Json =>
  operation(route, method).parameters.find((entry: Json) => entry.name === name);
const bodySchema = (route: string, method: string): Json => operation(route, method).requestBody.content["application/json"].schema;

describe("OpenAPI document", () => {
  it("describes every API route and method, and nothing that does not exist", () => {
    const documented = Object.entries(openApiDocument.paths).map(([route, operations]) => ({
      path: route,
      methods: Object.keys(operations).sort(),
    }));
    const implemented = routePaths().map((route) => ({ ...route, methods: route.methods.sort() }));
    expect(documented.sort((a, b) => a.path.localeCompare(b.path))).toEqual(implemented.sort((a, b) => a.path.localeCompare(b.path)));
  });

  it("is built from a contract beside every route, whose methods are the route's handlers", async () => {
    for (const { folder, path: route } of routeFolders()) {
      const where = path.relative(process.cwd(), folder);
      expect(fs.existsSync(path.join(folder, "contract.ts")), `${where}/contract.ts`).toBe(true);
      const { contract } = (await import(path.join(folder, "contract.ts"))) as { contract: RouteContract };
      const handlers = (await import(path.join(folder, "route.ts"))) as Record<string, { operation?: Operation }>;
      expect(contract.path, where).toBe(route);
      expect(CONTRACTS, `${where}: in app/api/contracts.ts`).toContain(contract);
      const exported = METHODS.filter((method) => method in handlers);
      expect(Object.keys(contract.methods).sort(), where).toEqual([...exported].sort());
      // Each handler parses with the very operation the document describes.
      for (const method of exported) expect(handlers[method]!.operation, `${where} ${method}`).toBe(contract.methods[method]);
    }
  });

  it("names every path parameter, and gives every parameter and request body a schema", () => {
    for (const [route, operations] of Object.entries(openApiDocument.paths)) {
      const names = [...route.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const [method, described] of Object.entries(operations as Record<string, Json>)) {
        const where = `${method} ${route}`;
        const inPath = (described.parameters ?? []).filter((entry: Json) => entry.in === "path");
        expect(inPath.map((entry: Json) => entry.name).sort(), where).toEqual(names.sort());
        expect(
          inPath.every((entry: Json) => entry.required),
          where,
        ).toBe(true);
        for (const entry of described.parameters ?? []) expect(entry.schema, `${where} ?${entry.name}`).toBeTypeOf("object");
        for (const [type, content] of Object.entries((described.requestBody?.content ?? {}) as Record<string, Json>))
          expect(content.schema.type ?? content.schema.$ref, `${where} ${type}`).toBeTruthy();
      }
    }
  });

  it("documents the values a route refuses", () => {
    expect(parameter("/api/projects/{slug}/articles", "get", "label")).toMatchObject({
      in: "query",
      description: "Only articles with a tag of this label",
      schema: { enum: [...LABELS] },
    });
    expect(parameter("/api/projects/{slug}/articles", "get", "pageSize").schema).toMatchObject({
      type: "integer",
      minimum: 1,
      maximum: 200,
    });
    expect(parameter("/api/projects/{slug}/export", "get", "format").schema).toEqual({
      type: "string",
      enum: [...EXPORT_FORMATS],
      default: "json",
    });
    expect(parameter("/api/projects/{slug}/snapshots/diff", "get", "from")).toMatchObject({ required: true, schema: { minLength: 1 } });
    expect(parameter("/api/annotations/{id}", "patch", "offsetUnit").schema).toMatchObject({
      enum: ["codepoint", "utf16"],
      default: "codepoint",
    });
    expect(bodySchema("/api/articles/{id}/annotations", "post")).toMatchObject({
      required: ["label", "start", "end"],
      additionalProperties: false,
      properties: { label: { enum: [...LABELS] }, start: { type: "integer", minimum: 0 } },
    });
    expect(bodySchema("/api/annotations/{id}/review", "post").properties.decision).toEqual({ type: "string", enum: ["accept", "reject"] });
    expect(bodySchema("/api/articles/{id}/work", "put")).toMatchObject({ required: ["done"], properties: { done: { type: "boolean" } } });
    expect(operation("/api/projects/{slug}/imports", "post").requestBody.content["multipart/form-data"].schema.properties.file).toEqual({
      type: "array",
      items: { type: "string", format: "binary" },
      maxItems: 50,
    });
    expect(operation("/api/projects/{slug}/imports/dataset", "post").requestBody.content["application/json"].schema).toEqual({
      $ref: "/api/export/schema",
    });
    expect(operation("/api/health", "get").security).toEqual([]);
    expect(operation("/api/annotations/{id}/review", "post").responses[409].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Error",
    });
  });

  it("accepts what the route's schema accepts and refuses what it refuses", () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const cases: [RouteContract, keyof RouteContract["methods"], "query" | "body", unknown, boolean][] = [
      [contractOf("/api/articles/{id}/annotations"), "POST", "body", { label: "actor", start: 0, end: 3 }, true],
      [contractOf("/api/articles/{id}/annotations"), "POST", "body", { label: "person", start: 0, end: 3 }, false],
      [contractOf("/api/articles/{id}/annotations"), "POST", "body", { label: "actor", start: -1, end: 3 }, false],
      [contractOf("/api/articles/{id}/annotations"), "POST", "body", { label: "actor", start: 0, end: 3, colour: "red" }, false],
      [contractOf("/api/annotations/{id}/review"), "POST", "body", { decision: "maybe" }, false],
      [contractOf("/api/annotations/{id}/review"), "POST", "body", { decision: "accept", comment: null }, true],
      [contractOf("/api/articles/{id}/work"), "PUT", "body", { done: "yes" }, false],
      [contractOf("/api/projects/{slug}"), "PATCH", "body", { viewerExport: "everyone" }, false],
      [contractOf("/api/projects/{slug}/articles"), "GET", "query", { label: "claim", sort: "newest" }, true],
      [contractOf("/api/projects/{slug}/articles"), "GET", "query", { sort: "random" }, false],
      [contractOf("/api/me/mentions"), "GET", "query", { unseen: "2" }, false],
    ];
    for (const [contract, method, part, value, valid] of cases) {
      const schema = contract.methods[method]![part]!;
      if (isBodyReader(schema)) throw new Error("a reader has no zod schema");
      const where = `${method} ${contract.path} ${part} ${JSON.stringify(value)}`;
      const described =
        part === "body" ? bodySchema(contract.path, method.toLowerCase()) : queryObject(contract.path, method.toLowerCase());
      expect(schema.safeParse(value).success, `${where}: the route`).toBe(valid);
      expect(ajv.validate(described, value), `${where}: the document`).toBe(valid);
    }
  });
});

function contractOf(route: string): RouteContract {
  return CONTRACTS.find((contract) => contract.path === route)!;
}

/** An operation's query parameters as one object schema again, to validate a whole query against it. */
function queryObject(route: string, method: string): Json {
  const query = (operation(route, method).parameters as Json[]).filter((entry) => entry.in === "query");
  return {
    type: "object",
    properties: Object.fromEntries(query.map((entry) => [entry.name, entry.schema])),
    required: query.filter((entry) => entry.required).map((entry) => entry.name),
  };
}
