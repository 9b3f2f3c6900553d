"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { saveSnapshot } from "@/lib/api-client/snapshots";
import { ARTICLE_STATUS_LABELS } from "@/lib/format";
import { ARTICLE_STATUSES } from "@/lib/vocabulary";
import { DownloadStatus, useDownload } from "./use-download";

export const FORMATS = [
  { id: "json", name: "JSON", hint: "one document: the dataset with its label set and version (validates against the published schema)" },
  { id: "jsonl", name: "JSON Lines", hint: "one article per line, the same shape as JSON" },
  { id: "csv", name: "CSV", hint: "one tag per row, for spreadsheets" },
  { id: "w3c", name: "W3C Web Annotation", hint: "JSON-LD, one annotation per tag with quote and position selectors" },
  { id: "conll", name: "CoNLL-2003", hint: "a token per line, four columns, BIO tags of the outermost tags, as NER tools read it" },
  { id: "conll-columns", name: "CoNLL, every tag", hint: "a token per line with BIO tags, a column per layer of overlapping tags" },
  { id: "spacy", name: "spaCy / Prodigy", hint: "text, tokens and spans per line, offsets as Python counts them" },
  { id: "labelstudio", name: "Label Studio", hint: "tasks with their results, to import into Label Studio" },
  { id: "doccano", name: "doccano", hint: "JSON Lines with labels, entities and relations, to import into doccano" },
  { id: "brat", name: "brat", hint: "a zip of .txt and .ann standoff files with brat's configuration, links as relations" },
  { id: "quotes-csv", name: "Quotes (CSV)", hint: "who said what: a row per quote with its speaker's record, article and date" },
  { id: "quotes-jsonl", name: "Quotes (JSON Lines)", hint: "the same, a line per quote" },
  { id: "claims-csv", name: "Claims (CSV)", hint: "a row per claim with its source's record, article and date" },
  { id: "claims-jsonl", name: "Claims (JSON Lines)", hint: "the same, a line per claim" },
  { id: "actors-csv", name: "Actors (CSV)", hint: "the actor registry: a row per record with aliases and counts in the exported tags" },
  { id: "actors-json", name: "Actors (JSON)", hint: "the same as one document" },
] as const;

/** Formats whose offsets are fixed by their consumers (or that have none): the unit choice does not apply. */
export const FIXED_UNIT = new Set([
  "w3c",
  "conll",
  "conll-columns",
  "spacy",
  "labelstudio",
  "doccano",
  "brat",
  "actors-csv",
  "actors-json",
]);

/** Formats with a place for the machine's suggestions (json/jsonl `suggestions`, Label Studio `predictions`). */
export const SUGGESTION_FORMATS = new Set(["json", "jsonl", "labelstudio"]);

const STATUSES = [
  ["all", "All tags"],
  ["accepted", "Accepted (gold)"],
  ["pending", "Pending review"],
  ["rejected", "Rejected"],
] as const;

type Person = { id: string; name: string | null; email: string };

export type ExportFormProps = { slug: string; labels: { name: string; description: string }[]; people: Person[]; goldOnly: boolean };

function toggle(list: string[], value: string, on: boolean): string[] {
  return on ? [...list, value] : list.filter((item) => item !== value);
}

/** The project export: a format, the filters, and a download with progress; or the same saved as a snapshot. */
export function ExportForm({ slug, labels, people, goldOnly }: ExportFormProps) {
  const router = useRouter();
  const download = useDownload();
  const [format, setFormat] = useState<string>("json");
  const [offsetUnit, setOffsetUnit] = useState("codepoint");
  const [status, setStatus] = useState(goldOnly ? "accepted" : "all");
  const [chosenLabels, setLabels] = useState<string[]>([]);
  const [annotators, setAnnotators] = useState<string[]>([]);
  const [articleStatus, setArticleStatus] = useState<string[]>([]);
  const [updatedSince, setUpdatedSince] = useState("");
  const [articles, setArticles] = useState("");
  const [withSuggestions, setWithSuggestions] = useState(false);
  const [snapshotName, setSnapshotName] = useState("");
  const [snapshot, setSnapshot] = useState<{ ok: boolean; message: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const filters = (): Record<string, string> => {
    const query: Record<string, string> = {};
    if (status !== "all") query.status = status;
    if (chosenLabels.length) query.labels = chosenLabels.join(",");
    if (annotators.length) query.annotators = annotators.join(",");
    if (articleStatus.length) query.articleStatus = articleStatus.join(",");
    if (updatedSince) query.updatedSince = updatedSince;
    if (articles.trim()) query.articles = articles.trim();
    if (!FIXED_UNIT.has(format) && offsetUnit !== "codepoint") query.offsetUnit = offsetUnit;
    return query;
  };

  async function save() {
    setSaving(true);
    setSnapshot(null);
    const answer = await saveSnapshot(slug, {
      name: snapshotName,
      filters: { ...filters(), ...(offsetUnit !== "codepoint" ? { offsetUnit } : {}) },
    });
    if (answer.ok) {
      const saved = answer.data.snapshot;
      setSnapshot({ ok: true, message: `Saved "${saved.name}": ${saved.articleCount} articles, ${saved.tagCount} tags` });
      setSnapshotName("");
      router.refresh();
    } else setSnapshot({ ok: false, message: answer.error });
    setSaving(false);
  }

  const legend = "mb-2 text-sm font-medium";
  const checkbox = "flex items-center gap-2 text-sm";
  return (
    <form
      aria-label="Export the dataset"
      className="flex flex-col gap-5 rounded-lg border border-stone-200 bg-white p-4"
      onSubmit={(event) => {
        event.preventDefault();
        // Not among filters(): a snapshot is the dataset, and suggestions are not part of it.
        const suggestions: Record<string, string> = withSuggestions && SUGGESTION_FORMATS.has(format) ? { suggestions: "include" } : {};
        void download.start(
          `/api/projects/${slug}/export?${new URLSearchParams({ format, ...filters(), ...suggestions })}`,
          `${slug}.${format}`,
        );
      }}
    >
      <fieldset>
        <legend className={legend}>Format</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {FORMATS.map((entry) => (
            <label key={entry.id} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name="format"
                value={entry.id}
                checked={format === entry.id}
                onChange={() => setFormat(entry.id)}
                className="mt-1"
              />
              <span>
                <span className="font-medium">{entry.name}</span> <span className="text-stone-600">— {entry.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset disabled={FIXED_UNIT.has(format)}>
        <legend className={legend}>Offsets</legend>
        <div className="flex flex-wrap gap-4">
          <label className={checkbox}>
            <input
              type="radio"
              name="offsetUnit"
              value="codepoint"
              checked={offsetUnit === "codepoint" || FIXED_UNIT.has(format)}
              onChange={() => setOffsetUnit("codepoint")}
            />
            Unicode code points (Python)
          </label>
          <label className={checkbox}>
            <input
              type="radio"
              name="offsetUnit"
              value="utf16"
              checked={offsetUnit === "utf16" && !FIXED_UNIT.has(format)}
              onChange={() => setOffsetUnit("utf16")}
            />
            UTF-16 units (JavaScript)
          </label>
        </div>
        {FIXED_UNIT.has(format) && (
          <p className="mt-1 text-xs text-stone-500">
            This format counts code points (CoNLL has tokens and the actor registry no offsets).
          </p>
        )}
      </fieldset>
      <fieldset disabled={!SUGGESTION_FORMATS.has(format)}>
        <legend className={legend}>Suggestions</legend>
        <label className={checkbox}>
          <input
            type="checkbox"
            name="suggestions"
            checked={withSuggestions && SUGGESTION_FORMATS.has(format)}
            onChange={(event) => setWithSuggestions(event.target.checked)}
          />
          Include the machine&apos;s suggestions, apart from the tags, with their scores
        </label>
        <p className="mt-1 text-xs text-stone-500">
          {SUGGESTION_FORMATS.has(format)
            ? "Those still offered: not accepted, still on their words. They never change the dataset version."
            : "JSON, JSON Lines and Label Studio (as predictions) only."}
        </p>
      </fieldset>
      <div className="grid gap-5 sm:grid-cols-2">
        <fieldset>
          <legend className={legend}>Tags</legend>
          <select
            aria-label="Tag status"
            className={inputClass}
            value={status}
            disabled={goldOnly}
            onChange={(event) => setStatus(event.target.value)}
          >
            {STATUSES.map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
          {goldOnly && <p className="mt-1 text-xs text-stone-500">Viewers of this project export accepted tags only.</p>}
          <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
            {labels.map((label) => (
              <label key={label.name} className={checkbox} title={label.description}>
                <input
                  type="checkbox"
                  checked={chosenLabels.includes(label.name)}
                  onChange={(event) => setLabels(toggle(chosenLabels, label.name, event.target.checked))}
                />
                {label.name}
              </label>
            ))}
          </div>
          <p className="mt-1 text-xs text-stone-500">
            No label ticked: every label. With a tag filter, articles without such tags are left out.
          </p>
        </fieldset>
        <fieldset>
          <legend className={legend}>Tagged by</legend>
          <div className="flex max-h-32 flex-col gap-1 overflow-y-auto">
            {people.map((person) => (
              <label key={person.id} className={checkbox}>
                <input
                  type="checkbox"
                  checked={annotators.includes(person.id)}
                  onChange={(event) => setAnnotators(toggle(annotators, person.id, event.target.checked))}
                />
                {person.name ?? person.email}
              </label>
            ))}
          </div>
          <p className="mt-1 text-xs text-stone-500">Nobody ticked: everyone.</p>
        </fieldset>
        <fieldset>
          <legend className={legend}>Articles</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {ARTICLE_STATUSES.map((value) => (
              <label key={value} className={checkbox}>
                <input
                  type="checkbox"
                  checked={articleStatus.includes(value)}
                  onChange={(event) => setArticleStatus(toggle(articleStatus, value, event.target.checked))}
                />
                {ARTICLE_STATUS_LABELS[value]}
              </label>
            ))}
          </div>
          <label className="mt-2 flex flex-col gap-1 text-sm">
            Changed since (UTC)
            <input type="date" className={inputClass} value={updatedSince} onChange={(event) => setUpdatedSince(event.target.value)} />
          </label>
        </fieldset>
        <label className="flex flex-col gap-1 text-sm">
          <span className={legend}>Only these articles</span>
          <input
            className={inputClass}
            value={articles}
            placeholder="article ids, comma-separated"
            onChange={(event) => setArticles(event.target.value)}
          />
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={download.running}>
          Download
        </Button>
      </div>
      <DownloadStatus state={download.state} onCancel={download.cancel} />
      <div className="flex flex-col gap-2 border-t border-stone-200 pt-4">
        <p className="text-sm text-stone-600">
          Or save these filters’ dataset as a named snapshot, to download it again later exactly as it is now.
        </p>
        <div className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col gap-1 text-sm">
            Snapshot name
            <input className={inputClass} value={snapshotName} maxLength={100} onChange={(event) => setSnapshotName(event.target.value)} />
          </label>
          <Button type="button" variant="secondary" disabled={saving || !snapshotName.trim()} onClick={() => void save()}>
            {saving ? "Saving…" : "Save snapshot"}
          </Button>
        </div>
        {snapshot && (
          <p
            role={snapshot.ok ? "status" : "alert"}
            className={`rounded-md px-3 py-2 text-sm ${snapshot.ok ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-800"}`}
          >
            {snapshot.message}
          </p>
        )}
      </div>
    </form>
  );
}
