/**
 * Importing another tool's annotated files: each document planned (lib/imports/plan.ts: canonical text,
 * label map, anchoring, links) and written through the same per-article path as a Margin dataset
 * (ArticleImporter: its checks, people matched by email among members, the "imported" history event,
 * duplicates reported), then one report: the dataset import's counts and results, plus every tag left out
 * and every problem, listed up to a bound and counted in full. Unmapped labels were refused before this
 * (annotated-files.ts), so nothing is written for a file that would lose tags silently.
 */
import "server-only";
import type { ProjectAccess } from "@/lib/auth/context";
import { pauseEvery } from "@/lib/event-loop";
import { ArticleImporter, LISTED_RESULTS, type DatasetImportReport } from "@/lib/export/import-dataset";
import type { AnnotatedImportOptions, ReadAnnotated } from "./annotated-files";
import type { ForeignFormat, ForeignProblem } from "./foreign-document";
import { planArticle, type SkippedTag } from "./plan";

export type AnnotatedImportReport = DatasetImportReport & {
  format: ForeignFormat;
  /** Tags of the files not imported (unmapped label, not placed), the first `LISTED_RESULTS` listed. */
  skipped: SkippedTag[];
  skippedCount: number;
  /** What else was not kept (a relation, an attribute, a cancelled annotation, an unreadable line). */
  problems: ForeignProblem[];
  problemCount: number;
  /** Prediction spans left out (imported only when asked) and tags the map sends to `skip`. */
  predictionsSkipped: number;
  mappedToSkip: number;
};

export type ImportProgress = (done: number, total: number) => void;

class Listed<T> {
  readonly items: T[] = [];
  count = 0;
  constructor(private readonly max: number) {}
  push(...items: T[]) {
    this.count += items.length;
    for (const item of items) if (this.items.length < this.max) this.items.push(item);
  }
}

export async function importAnnotated(
  access: ProjectAccess<"articles:import">,
  read: ReadAnnotated,
  options: AnnotatedImportOptions,
  run: { fallbackUserId: string; listed?: number; onProgress?: ImportProgress },
): Promise<AnnotatedImportReport> {
  const listed = run.listed ?? LISTED_RESULTS;
  const importer = new ArticleImporter(access, run.fallbackUserId, { source: read.format, origin: `import:${read.format}`, listed });
  const skipped = new Listed<SkippedTag>(listed);
  const problems = new Listed<ForeignProblem>(listed);
  problems.push(...read.problems);
  let predictionsSkipped = 0;
  let mappedToSkip = 0;
  const now = new Date();
  const pause = pauseEvery(10);
  const total = read.documents.length;
  for (let position = 0; position < total; position++) {
    await pause();
    const document = read.documents[position]!;
    const planned = await planArticle(document, {
      format: read.format,
      map: read.map,
      skipUnmapped: options.skipUnmapped,
      predictions: options.predictions,
      now,
    });
    predictionsSkipped += planned.predictionsSkipped;
    mappedToSkip += planned.mappedToSkip;
    if (!planned.article) importer.fail(document.label, planned.error ?? "no text to import");
    else {
      const result = await importer.add(document.label, planned.article, "codepoint", planned.history);
      // A duplicate or a failed article keeps none of its tags: listing them as skipped would say it twice.
      if (result.status === "imported") {
        skipped.push(...planned.skipped);
        problems.push(...planned.problems.map((error) => ({ label: document.label, error })));
      }
    }
    run.onProgress?.(position + 1, total);
  }
  return {
    ...importer.report,
    format: read.format,
    skipped: skipped.items,
    skippedCount: skipped.count,
    problems: problems.items,
    problemCount: problems.count,
    predictionsSkipped,
    mappedToSkip,
  };
}
