import type { AnnotatedImportReport } from "@/lib/api-client/imports";

/** An annotated import's summary, then every tag it left out and every problem (as many as the server listed). */
export function AnnotatedReport({ report }: { report: AnnotatedImportReport }) {
  const notListed = (count: number, listed: number) => (count > listed ? ` (the first ${listed} listed)` : "");
  return (
    <div className="flex flex-col gap-3 text-sm">
      <p role="status" className="text-stone-600">
        Done ({report.format}): {report.counts.imported} imported ({report.tags} tags), {report.counts.duplicate} duplicate,{" "}
        {report.counts.failed} failed
        {report.skippedCount > 0 && `; ${report.skippedCount} tags left out`}
        {report.predictionsSkipped > 0 && `; ${report.predictionsSkipped} predictions not imported`}
        {report.mappedToSkip > 0 && `; ${report.mappedToSkip} tags mapped to skip`}
      </p>
      {report.skipped.length > 0 && (
        <details open>
          <summary className="font-medium">Tags left out{notListed(report.skippedCount, report.skipped.length)}</summary>
          <ul aria-label="Tags left out" className="mt-1 divide-y divide-stone-200">
            {report.skipped.map((tag, index) => (
              <li key={index} className="py-1">
                <span className="font-medium">{tag.label}</span> “{tag.text}” in {tag.document}: {tag.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {report.problems.length > 0 && (
        <details open>
          <summary className="font-medium">Problems{notListed(report.problemCount, report.problems.length)}</summary>
          <ul aria-label="Import problems" className="mt-1 divide-y divide-stone-200">
            {report.problems.map((problem, index) => (
              <li key={index} className="py-1">
                {problem.label}: {problem.error}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
