"use client";

import { useRef, useState } from "react";
import { downloadExport, formatBytes, type Progress } from "@/lib/export/browser-download";

type State =
  { kind: "idle" } | { kind: "running"; progress: Progress } | { kind: "done"; message: string } | { kind: "failed"; message: string };

/** One download at a time, with its progress, a way to cancel it, and what came of it. */
export function useDownload() {
  const [state, setState] = useState<State>({ kind: "idle" });
  const abort = useRef<AbortController | null>(null);
  async function start(url: string, fallbackName: string) {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: "running", progress: { bytes: 0, articles: null, totalArticles: null, totalTags: null } });
    const result = await downloadExport(url, {
      signal: controller.signal,
      fallbackName,
      onProgress: (progress) => setState({ kind: "running", progress }),
    });
    if (abort.current === controller) abort.current = null;
    setState(
      result.ok
        ? { kind: "done", message: `Saved ${result.fileName} (${formatBytes(result.bytes)})` }
        : { kind: "failed", message: result.message },
    );
  }
  return { state, start, cancel: () => abort.current?.abort(), running: state.kind === "running" };
}

/** The download's progress bar and outcome, announced to screen readers. */
export function DownloadStatus({ state, onCancel }: { state: State; onCancel: () => void }) {
  if (state.kind === "idle") return null;
  if (state.kind !== "running") {
    return (
      <p
        role={state.kind === "done" ? "status" : "alert"}
        className={`rounded-md px-3 py-2 text-sm ${state.kind === "done" ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-800"}`}
      >
        {state.message}
      </p>
    );
  }
  const { bytes, articles, totalArticles, totalTags } = state.progress;
  const known = articles !== null && totalArticles;
  return (
    <div className="flex flex-col gap-1">
      {known ? (
        <progress value={articles} max={totalArticles} className="h-2 w-full" aria-label="Export progress" />
      ) : (
        <progress className="h-2 w-full" aria-label="Export progress" />
      )}
      <p role="status" className="flex flex-wrap items-center gap-3 text-sm text-stone-600">
        <span>
          Downloading… {formatBytes(bytes)}
          {known
            ? `, ${articles.toLocaleString("en")} of ${totalArticles.toLocaleString("en")} articles`
            : totalArticles !== null
              ? ` (${totalArticles.toLocaleString("en")} articles, ${totalTags?.toLocaleString("en")} tags)`
              : ""}
        </span>
        <button type="button" onClick={onCancel} className="text-accent underline">
          Cancel
        </button>
      </p>
    </div>
  );
}
