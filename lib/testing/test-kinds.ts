/**
 * Which test files need a database. Vitest runs two projects (vitest.config.mts): pure tests run as they
 * are, and only tests whose imports reach the database get the embedded PostgreSQL and a database copy of
 * their own (lib/testing/database-per-file.ts). Decided from the import graph rather than by a naming
 * convention, so that a test cannot be filed wrongly: a file needs a database when it imports, directly or
 * through the modules it imports, anything in lib/db/ other than the generated enums, or `pg` itself.
 */
import fs from "node:fs";
import path from "node:path";

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\("([^"]+)"\)|(?:^|\n)\s*import\s+"([^"]+)"/g;

export function databaseTests(root: string, files: string[]): Set<string> {
  const known = new Map<string, boolean>();
  const resolve = (from: string, spec: string): string | null => {
    const base = spec.startsWith("@/")
      ? path.join(root, spec.slice(2))
      : spec.startsWith(".")
        ? path.resolve(path.dirname(from), spec)
        : null;
    if (!base) return null;
    for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
      if (/\.(tsx?)$/.test(candidate) && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    }
    return null;
  };
  const needs = (file: string, visiting: Set<string>): boolean => {
    const cached = known.get(file);
    if (cached !== undefined) return cached;
    if (visiting.has(file)) return false;
    visiting.add(file);
    const relative = path.relative(root, file);
    let result = relative.startsWith(`lib${path.sep}db${path.sep}`) && !relative.includes(`generated${path.sep}enums`);
    if (!result) {
      for (const match of fs.readFileSync(file, "utf8").matchAll(IMPORT)) {
        const spec = match[1] ?? match[2] ?? match[3]!;
        if (spec === "pg") result = true;
        const target = !result && resolve(file, spec);
        if (result || (target && needs(target, visiting))) {
          result = true;
          break;
        }
      }
    }
    visiting.delete(file);
    known.set(file, result);
    return result;
  };
  return new Set(files.filter((file) => needs(path.resolve(root, file), new Set())));
}
