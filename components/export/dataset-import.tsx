"use client";

import { ImportResults } from "@/components/articles/import-results";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { importDataset, type DatasetImportReport } from "@/lib/api-client/imports";

/**
 * Imports a Margin dataset (a json export, from this instance or another) with its tags, relations and
 * reviews. The file is read and sent as it is; the server checks every article and reports each.
 */
export function DatasetImport({ slug }: { slug: string }) {
  const router = useRouter();
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<DatasetImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function upload(file: File | undefined) {
    if (!file || running) return;
    setRunning(true);
    setReport(null);
    setError(null);
    const answer = await importDataset(slug, file);
    if (answer.ok) setReport(answer.data);
    else setError(answer.error);
    router.refresh();
    setRunning(false);
  }

  return (
    <div className="flex flex-col gap-3">
      <label className="flex cursor-pointer flex-col items-center gap-1 rounded-lg border-2 border-dashed border-stone-300 p-6 text-center text-sm">
        <span className="font-medium">{running ? "Importing…" : "Choose a Margin dataset (.json export)"}</span>
        <span className="text-stone-600">Articles, tags, attributes, relations and reviews; people are matched by email</span>
        <input
          type="file"
          accept=".json,application/json"
          className="sr-only"
          aria-label="Dataset to import"
          disabled={running}
          onChange={(event) => void upload(event.target.files?.[0])}
        />
      </label>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {report && (
        <>
          {/* The server counts every article; it lists the first results only (`more` were not listed). */}
          <p role="status" className="text-sm text-stone-600">
            Done: {report.counts.imported} imported ({report.tags} tags), {report.counts.duplicate} duplicate, {report.counts.failed} failed
            {report.more > 0 && ` (the first ${report.results.length} listed below)`}
          </p>
          <ImportResults slug={slug} results={report.results} label="Dataset import results" />
        </>
      )}
    </div>
  );
}
