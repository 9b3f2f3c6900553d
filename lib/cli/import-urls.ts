/**
 * `margin import <https://…>`: imports each page by its address with the same code as the API (fetch with
 * its limits and address policy, Readability, the HTML import), one after the other, then prints one line
 * per page and a summary. Exit status 1 when any page failed.
 */
import type { ProjectAccess } from "@/lib/auth/context";
import { importFromUrl } from "@/lib/articles/url/import-url";
import type { CommandOutput } from "./command-types";
import { describeResult } from "./import-files";

/** A positional that names a web page rather than a file. */
export function isPageAddress(argument: string): boolean {
  return /^https?:\/\//i.test(argument);
}

export async function importUrls(access: ProjectAccess<"articles:import">, urls: string[], keepArtifacts: boolean): Promise<CommandOutput> {
  const lines: string[] = [];
  const counts = { imported: 0, duplicate: 0, failed: 0 };
  for (const url of urls) {
    const result = await importFromUrl(access, { url, keepArtifacts });
    counts[result.status]++;
    lines.push(describeResult(result));
  }
  const summary = `${urls.length} ${urls.length === 1 ? "address" : "addresses"}: ${counts.imported} imported, ${counts.duplicate} duplicate, ${counts.failed} failed`;
  return { stdout: [...lines, summary], exitCode: counts.failed ? 1 : 0 };
}
