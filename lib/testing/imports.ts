/**
 * The project's own imports of a source file, resolved to files: what the architecture test and the Vitest
 * project split (test-kinds.ts) read. Static `import`/`export … from`, side-effect imports and `import()`
 * with a literal path; "@/…" is the project root, as in tsconfig.json.
 */
import fs from "node:fs";
import path from "node:path";

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\("([^"]+)"\)|(?:^|\n)\s*import\s+"([^"]+)"/g;

/** Every module specifier a file imports, as written. */
export function specifiersOf(file: string): string[] {
  return [...fs.readFileSync(file, "utf8").matchAll(IMPORT)].map((match) => match[1] ?? match[2] ?? match[3]!);
}

/** The project file a specifier names, or null for packages (and anything else outside the project). */
export function resolveImport(root: string, from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(root, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (/\.tsx?$/.test(candidate) && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}
