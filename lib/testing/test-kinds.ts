/**
 * Which test files need a database. Vitest runs two projects (vitest.config.mts): pure tests run as they
 * are, and only tests whose imports reach the database get the embedded PostgreSQL and a database copy of
 * their own (lib/testing/database-per-file.ts). Decided from the import graph rather than by a naming
 * convention, so that a test cannot be filed wrongly: a file needs a database when it imports, directly or
 * through the modules it imports, anything in lib/db/ other than the generated enums, or `pg` itself.
 */
import path from "node:path";
import { resolveImport, specifiersOf } from "./imports";

export function databaseTests(root: string, files: string[]): Set<string> {
  const imports = new Map<string, { files: string[]; pg: boolean }>();
  const importsOf = (file: string) => {
    let known = imports.get(file);
    if (!known) {
      const specifiers = specifiersOf(file);
      const resolved = specifiers.map((spec) => resolveImport(root, file, spec)).filter((target): target is string => target !== null);
      imports.set(file, (known = { files: resolved, pg: specifiers.includes("pg") }));
    }
    return known;
  };
  const isDatabase = (file: string) => {
    const relative = path.relative(root, file);
    return relative.startsWith(`lib${path.sep}db${path.sep}`) && !relative.includes(`generated${path.sep}enums`);
  };
  // Everything a test reaches, breadth first: one database module or `pg` anywhere is enough.
  const needs = (test: string) => {
    const seen = new Set([test]);
    for (const file of seen) {
      if (isDatabase(file)) return true;
      const { files: next, pg } = importsOf(file);
      if (pg) return true;
      for (const target of next) seen.add(target);
    }
    return false;
  };
  return new Set(files.filter((file) => needs(path.resolve(root, file))));
}
