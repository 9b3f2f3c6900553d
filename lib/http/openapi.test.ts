import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

/** API paths that the app's route files implement, in OpenAPI's `{param}` form. */
function routePaths(dir = path.join(process.cwd(), "app", "api"), prefix = "/api"): { path: string; methods: string[] }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory()) return [];
    // Auth.js's own endpoints and the JSON 404 for unknown paths are not part of the documented API.
    if (entry.name === "auth" || entry.name.startsWith("[...")) return [];
    const segment = entry.name.replace(/^\[(.+)\]$/, "{$1}");
    const folder = path.join(dir, entry.name);
    const route = path.join(folder, "route.ts");
    const own = fs.existsSync(route)
      ? [
          {
            path: `${prefix}/${segment}`,
            methods: [
              ...fs.readFileSync(route, "utf8").matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g),
            ].map((match) => match[1]!.toLowerCase()),
          },
        ]
      : [];
    return [...own, ...routePaths(folder, `${prefix}/${segment}`)];
  });
}

describe("OpenAPI document", () => {
  it("describes every API route and method, and nothing that does not exist", () => {
    const documented = Object.entries(openApiDocument.paths).map(([route, operations]) => ({
      path: route,
      methods: Object.keys(operations).sort(),
    }));
    const implemented = routePaths().map((route) => ({ ...route, methods: route.methods.sort() }));
    expect(documented.sort((a, b) => a.path.localeCompare(b.path))).toEqual(implemented.sort((a, b) => a.path.localeCompare(b.path)));
  });
});
