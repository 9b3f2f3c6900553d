"use client";

import { ImportResults, type ImportResult } from "@/components/articles/import-results";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { importFile } from "@/lib/api-client/imports";

type Result = ImportResult;

const ACCEPT = ".txt,.text,.md,.markdown,.html,.htm,.xhtml,.docx,.json,.jsonl,.ndjson";

/** Uploads files one by one (so that progress is real and one bad file cannot stop the rest). */
export function FileImport({ slug }: { slug: string }) {
  const router = useRouter();
  const [keepArtifacts, setKeepArtifacts] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<Result[]>([]);
  const [dragging, setDragging] = useState(false);
  const running = progress !== null && progress.done < progress.total;

  async function upload(files: File[]) {
    if (!files.length || running) return;
    setResults([]);
    setProgress({ done: 0, total: files.length });
    for (const [index, file] of files.entries()) {
      const answer = await importFile(slug, file, { keepArtifacts });
      const batch: Result[] = answer.ok ? answer.data.results : [{ label: file.name, status: "failed", error: answer.error }];
      setResults((previous) => [...previous, ...batch]);
      setProgress({ done: index + 1, total: files.length });
    }
    router.refresh();
  }

  const count = (status: Result["status"]) => results.filter((result) => result.status === status).length;
  return (
    <div className="flex flex-col gap-4">
      <label
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void upload([...event.dataTransfer.files]);
        }}
        className={`flex cursor-pointer flex-col items-center gap-1 rounded-lg border-2 border-dashed p-6 text-center text-sm ${dragging ? "border-accent bg-sky-50" : "border-stone-300"}`}
      >
        <span className="font-medium">Drop files here or choose them</span>
        <span className="text-stone-600">.txt, .md, .html, .docx, or .json / .jsonl with many articles (up to 5 MB each)</span>
        <input
          type="file"
          multiple
          accept={ACCEPT}
          className="sr-only"
          aria-label="Files to import"
          disabled={running}
          onChange={(event) => void upload([...(event.target.files ?? [])])}
        />
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={keepArtifacts} onChange={(event) => setKeepArtifacts(event.target.checked)} />
        Keep page furniture (share buttons, repeated headline, “Image” lines…) in the text
      </label>
      {progress && (
        <div className="flex flex-col gap-1">
          <progress value={progress.done} max={progress.total} className="h-2 w-full" aria-label="Import progress" />
          <p className="text-sm text-stone-600" role="status">
            {running
              ? `Importing… ${progress.done} of ${progress.total} files`
              : `Done: ${count("imported")} imported, ${count("duplicate")} duplicate, ${count("failed")} failed`}
          </p>
        </div>
      )}
      {results.length > 0 && <ImportResults slug={slug} results={results} label="Import results" />}
    </div>
  );
}
