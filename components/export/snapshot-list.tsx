"use client";

import { useState } from "react";
import { inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { compareSnapshots, type SnapshotDiff } from "@/lib/api-client/snapshots";
import { formatBytes } from "@/lib/export/browser-download";
import { FIXED_UNIT, FORMATS } from "./export-form";
import { DownloadStatus, useDownload } from "./use-download";

export type SnapshotItem = {
  id: string;
  name: string;
  filters: Record<string, string | string[]>;
  offsetUnit: string;
  contentHash: string;
  articleCount: number;
  tagCount: number;
  byteSize: number;
  createdAt: string;
  createdBy: string | null;
  /** Whether this member may read it (viewers of a gold-only project: gold snapshots only). */
  readable: boolean;
};

function describeFilters(filters: SnapshotItem["filters"]): string {
  return Object.entries(filters)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(", ") : value}`)
    .join(" · ");
}

function SnapshotRow({ slug, snapshot }: { slug: string; snapshot: SnapshotItem }) {
  const download = useDownload();
  const [format, setFormat] = useState("jsonl");
  return (
    <li className="flex flex-col gap-2 p-4">
      <div className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:gap-4">
        <span className="font-medium sm:flex-1">{snapshot.name}</span>
        <span className="text-sm text-stone-600">
          {snapshot.articleCount.toLocaleString("en")} articles · {snapshot.tagCount.toLocaleString("en")} tags ·{" "}
          {formatBytes(snapshot.byteSize)}
        </span>
      </div>
      <p className="text-xs text-stone-500">
        {new Date(snapshot.createdAt).toLocaleString("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" })} UTC
        {snapshot.createdBy ? ` by ${snapshot.createdBy}` : ""} · {describeFilters(snapshot.filters)} · offsets: {snapshot.offsetUnit} ·
        version <code title={snapshot.contentHash}>{snapshot.contentHash.slice(0, 12)}</code>
      </p>
      {snapshot.readable ? (
        <div className="flex flex-wrap items-center gap-2">
          <select
            aria-label={`Format for ${snapshot.name}`}
            className={`${inputClass} w-auto`}
            value={format}
            onChange={(event) => setFormat(event.target.value)}
          >
            {FORMATS.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
                {entry.id === "jsonl" ? " (as stored)" : ""}
              </option>
            ))}
          </select>
          <Button
            type="button"
            variant="secondary"
            disabled={download.running}
            onClick={() =>
              void download.start(`/api/projects/${slug}/snapshots/${snapshot.id}?format=${format}`, `${slug}-${snapshot.name}.${format}`)
            }
          >
            Download
          </Button>
          {FIXED_UNIT.has(format) && <span className="text-xs text-stone-500">code-point offsets</span>}
        </div>
      ) : (
        <p className="text-xs text-stone-500">Viewers of this project read gold snapshots only.</p>
      )}
      <DownloadStatus state={download.state} onCancel={download.cancel} />
    </li>
  );
}

type Change = SnapshotDiff["changes"][number];

function DiffView({ diff }: { diff: SnapshotDiff }) {
  const { tags, articles } = diff.summary;
  // A changed tag shows as it is now.
  const label = (change: Change) => (change.type === "changed" ? change.after : change.tag);
  return (
    <div className="flex flex-col gap-2">
      <p role="status" className="text-sm">
        Tags: <strong>{tags.added}</strong> added, <strong>{tags.removed}</strong> removed, <strong>{tags.changed}</strong> changed (
        {tags.unchanged} unchanged). Articles: {articles.added} added, {articles.removed} removed, {articles.changed} changed.
      </p>
      {diff.changes.length > 0 && (
        <table className="w-full text-left text-sm" aria-label="Changes">
          <thead className="text-xs text-stone-500">
            <tr>
              <th className="py-1 pr-3 font-normal">Change</th>
              <th className="py-1 pr-3 font-normal">Tag</th>
              <th className="py-1 font-normal">What</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {diff.changes.map((change) => (
              <tr key={`${change.type}-${change.tagId}`}>
                <td className="py-1 pr-3">{change.type}</td>
                <td className="py-1 pr-3">
                  {label(change).label} “{label(change).text}”
                </td>
                <td className="py-1 text-stone-600">{change.type === "changed" ? change.fields.join(", ") : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {diff.truncated && <p className="text-xs text-stone-500">The first {diff.changes.length} changes are listed.</p>}
    </div>
  );
}

/** The project's snapshots: download any again, in any format, and compare two. */
export function SnapshotList({ slug, snapshots }: { slug: string; snapshots: SnapshotItem[] }) {
  const readable = snapshots.filter((snapshot) => snapshot.readable);
  const [from, setFrom] = useState(readable[1]?.id ?? "");
  const [to, setTo] = useState(readable[0]?.id ?? "");
  const [diff, setDiff] = useState<SnapshotDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [comparing, setComparing] = useState(false);
  async function compare() {
    setComparing(true);
    setError(null);
    const answer = await compareSnapshots(slug, { from, to, limit: 200 });
    if (answer.ok) setDiff(answer.data);
    else setError(answer.error);
    setComparing(false);
  }
  if (!snapshots.length) return <p className="text-sm text-stone-600">No snapshots yet.</p>;
  return (
    <div className="flex flex-col gap-4">
      <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" aria-label="Snapshots">
        {snapshots.map((snapshot) => (
          <SnapshotRow key={snapshot.id} slug={slug} snapshot={snapshot} />
        ))}
      </ul>
      {readable.length >= 2 && (
        <section aria-label="Compare snapshots" className="flex flex-col gap-3 rounded-lg border border-stone-200 bg-white p-4">
          <div className="flex flex-wrap items-end gap-2">
            {(
              [
                ["From", from, setFrom],
                ["To", to, setTo],
              ] as const
            ).map(([name, value, set]) => (
              <label key={name} className="flex flex-col gap-1 text-sm">
                {name}
                <select className={`${inputClass} w-auto`} value={value} onChange={(event) => set(event.target.value)}>
                  {readable.map((snapshot) => (
                    <option key={snapshot.id} value={snapshot.id}>
                      {snapshot.name}
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <Button type="button" variant="secondary" disabled={comparing || !from || !to} onClick={() => void compare()}>
              {comparing ? "Comparing…" : "Compare"}
            </Button>
          </div>
          {error && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          )}
          {diff && <DiffView diff={diff} />}
        </section>
      )}
    </div>
  );
}
