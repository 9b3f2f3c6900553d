"use client";

import { useState } from "react";
import { inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FIXED_UNIT, FORMATS } from "./export-form";
import { DownloadStatus, useDownload } from "./use-download";

/**
 * Exports one article (its page's "Export"): a format, the offset unit, and a download. Viewers of a
 * gold-only project get its accepted tags, as everywhere.
 */
export function ArticleExport({ articleId }: { articleId: string }) {
  const download = useDownload();
  const [format, setFormat] = useState("json");
  const [offsetUnit, setOffsetUnit] = useState("codepoint");
  const fixed = FIXED_UNIT.has(format);
  return (
    <form
      aria-label="Export this article"
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        const query = new URLSearchParams({ format, ...(fixed || offsetUnit === "codepoint" ? {} : { offsetUnit }) });
        void download.start(`/api/articles/${articleId}/export?${query}`, `${articleId}.${format}`);
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm">
          Format
          <select className={`${inputClass} w-auto`} value={format} onChange={(event) => setFormat(event.target.value)}>
            {FORMATS.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Offsets
          <select
            className={`${inputClass} w-auto`}
            value={fixed ? "codepoint" : offsetUnit}
            disabled={fixed}
            onChange={(event) => setOffsetUnit(event.target.value)}
          >
            <option value="codepoint">Code points (Python)</option>
            <option value="utf16">UTF-16 (JavaScript)</option>
          </select>
        </label>
        <Button type="submit" variant="secondary" disabled={download.running}>
          Export
        </Button>
      </div>
      <DownloadStatus state={download.state} onCancel={download.cancel} />
    </form>
  );
}
