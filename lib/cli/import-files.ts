/**
 * `margin import`: expands globs, reads each file and imports it with the same code as uploads, then prints
 * one line per article and a summary. Exit status 1 when any item failed.
 */
import fs from "node:fs";
import path from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import { importFile, type ImportResult } from "@/lib/articles/mutations";
import type { ProjectAccess } from "@/lib/auth/context";
import type { CommandOutput } from "./commands";

/** The files named, each glob expanded (sorted). */
export async function expand(patterns: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const pattern of patterns) {
    // Matches are printed as the user wrote the pattern: absolute for an absolute pattern, else relative.
    if (isDynamicPattern(pattern)) files.push(...(await glob(pattern, { onlyFiles: true, absolute: path.isAbsolute(pattern) })).sort());
    else files.push(pattern);
  }
  return files;
}

export function describeResult(result: ImportResult): string {
  if (result.status === "imported")
    return `imported   ${result.label} → ${result.id} "${result.title}"${result.removedArtifacts ? ` (${result.removedArtifacts} furniture paragraphs removed)` : ""}`;
  if (result.status === "duplicate")
    return `duplicate  ${result.label} = ${result.id} "${result.title}"${result.match === "url" ? " (same address)" : ""}`;
  return `failed     ${result.label}: ${result.error}`;
}

export async function importFiles(
  access: ProjectAccess<"articles:import">,
  patterns: string[],
  keepArtifacts: boolean,
): Promise<CommandOutput> {
  const files = await expand(patterns);
  const lines: string[] = [];
  const counts = { imported: 0, duplicate: 0, failed: 0 };
  for (const file of files) {
    let results: ImportResult[];
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) results = [{ label: file, status: "failed", error: "no such file" }];
    else if (!stat.isFile()) results = [{ label: file, status: "failed", error: "not a file" }];
    else results = await importFile(access, { name: file, bytes: fs.readFileSync(file) }, { origin: "cli", keepArtifacts });
    for (const result of results) {
      counts[result.status]++;
      lines.push(describeResult(result));
    }
  }
  const total = counts.imported + counts.duplicate + counts.failed;
  const summary = `${files.length} ${files.length === 1 ? "file" : "files"}, ${total} ${total === 1 ? "article" : "articles"}: ${counts.imported} imported, ${counts.duplicate} duplicate, ${counts.failed} failed`;
  return { stdout: [...lines, summary], exitCode: counts.failed ? 1 : 0 };
}
