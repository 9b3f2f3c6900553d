"use client";

import { useEffect, useState } from "react";
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import type { Label } from "@/lib/vocabulary";
import { listHistory, type HistoryEntry } from "@/lib/api-client/history";
import { describeProvenance } from "@/lib/suggestions/provenance-words";

const labelName = (value: unknown) => LABEL_STYLES[value as Label]?.name ?? String(value);
const quoted = (value: unknown) => (value === null || value === undefined ? "nothing" : `“${String(value)}”`);

/** One line per history entry, in words. */
function describe(entry: HistoryEntry): string {
  const data = entry.data;
  switch (entry.kind) {
    case "created": {
      // An accepted suggestion says where it came from (which suggester, which version, how sure).
      const provenance = describeProvenance(data.suggestion);
      return `tagged ${quoted(data.text)} as ${labelName(data.label)}${provenance ? `, created ${provenance}` : ""}`;
    }
    case "label_changed":
      return `changed the label from ${labelName(data.from)} to ${labelName(data.to)}`;
    case "span_changed":
      return `moved it from ${quoted(data.from)} to ${quoted(data.to)}`;
    case "attributes_changed":
      return "changed its attributes";
    case "note_changed":
      return data.to ? `set the note to ${quoted(data.to)}` : "removed the note";
    case "accepted":
    case "rejected":
      return `${entry.kind}${data.auto ? " it: annotators agree" : ""}${data.comment ? `: ${quoted(data.comment)}` : ""}`;
    case "commented":
      return `commented ${quoted(data.excerpt)}`;
    case "resolved":
      return "resolved the discussion";
    case "reopened":
      return "reopened the discussion";
    case "deleted":
      return "deleted it";
    case "restored":
      return "restored it";
    case "merged":
      return data.into ? "merged it into an identical colleague's tag" : "merged identical tags of several annotators into this one";
    default:
      return entry.kind;
  }
}

/** A tag's history (the append-only audit log), read when opened and again when the tag changes. */
export function TagHistory({ id, version }: { id: string; version: string }) {
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    void listHistory(id).then((answer) => {
      if (!live) return;
      if (answer.ok) setEntries(answer.data.history);
      else setError(answer.error);
    });
    return () => {
      live = false;
    };
  }, [id, open, version]);
  return (
    <details className="border-t border-stone-200 pt-3" onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
      <summary className="cursor-pointer font-medium">History</summary>
      {error && <p className="text-xs text-red-800">{error}</p>}
      <ol className="mt-2 flex flex-col gap-1 text-xs" aria-label="History">
        {(entries ?? []).map((entry) => (
          <li key={entry.id}>
            <span className="text-stone-500">
              {new Date(entry.createdAt).toLocaleString("en-GB", { dateStyle: "short", timeStyle: "short" })}
            </span>{" "}
            {entry.actor ? (entry.actor.name ?? entry.actor.email) : "Margin"} {describe(entry)}
          </li>
        ))}
      </ol>
    </details>
  );
}
