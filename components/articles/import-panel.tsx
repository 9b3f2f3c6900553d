"use client";

import { useState } from "react";
import { FileImport } from "./file-import";
import { PasteImport } from "./paste-import";
import { UrlImport } from "./url-import";

/** The project page's import entry: paste one article, upload files, or give a web page's address. */
export function ImportPanel({ slug }: { slug: string }) {
  const [mode, setMode] = useState<"paste" | "files" | "url" | null>(null);
  const tab = (value: "paste" | "files" | "url", label: string) => (
    <button
      type="button"
      aria-pressed={mode === value}
      onClick={() => setMode(mode === value ? null : value)}
      className={`min-h-10 rounded-md border px-4 text-sm font-medium ${mode === value ? "border-accent bg-sky-50 text-accent" : "border-stone-300 bg-white hover:bg-stone-100"}`}
    >
      {label}
    </button>
  );
  return (
    <section aria-label="Import articles" className="mb-6">
      <div className="flex flex-wrap gap-2">
        {tab("paste", "Paste an article")}
        {tab("files", "Upload files")}
        {tab("url", "From a URL")}
      </div>
      {mode && (
        <div className="mt-3 rounded-lg border border-stone-200 bg-white p-4">
          {mode === "paste" ? <PasteImport slug={slug} /> : mode === "files" ? <FileImport slug={slug} /> : <UrlImport slug={slug} />}
        </div>
      )}
    </section>
  );
}
