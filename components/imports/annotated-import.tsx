"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ImportResults } from "@/components/articles/import-results";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import {
  importAnnotated,
  previewAnnotated,
  type AnnotatedImportReport,
  type AnnotatedPreview,
  type AnnotatedProgress,
  type ImportFormat,
  type LabelTarget,
} from "@/lib/api-client/imports";
import { AnnotatedReport } from "./annotated-report";

const FORMATS: [ImportFormat, string][] = [
  ["auto", "Detect from the files"],
  ["labelstudio", "Label Studio (JSON export)"],
  ["doccano", "doccano (JSONL)"],
  ["w3c", "W3C Web Annotation (JSON-LD, with the texts as .txt)"],
  ["brat", "brat standoff (.txt + .ann, or a .zip)"],
  ["spacy", "spaCy / Prodigy (JSONL)"],
  ["conll", "CoNLL-2003 (BIO)"],
];
const TARGETS: LabelTarget[] = ["actor", "claim", "figure", "quote", "skip"];

/** "PER=actor,ORG=actor": the form's choices as the API's label map (labels left unchosen are left out). */
function mapOf(mapping: Record<string, LabelTarget | "">): string {
  return Object.entries(mapping)
    .filter(([, target]) => target)
    .map(([label, target]) => `${label}=${target}`)
    .join(",");
}

function describeProgress(progress: AnnotatedProgress): { text: string; value?: number; max?: number } {
  if (progress.phase === "uploading") {
    const percent = progress.total ? Math.round((100 * progress.loaded) / progress.total) : 0;
    return percent < 100 ? { text: `Uploading… ${percent}%`, value: progress.loaded, max: progress.total } : { text: "Reading the files…" };
  }
  return {
    text: `Importing: ${progress.done.toLocaleString("en")} of ${progress.total.toLocaleString("en")} documents`,
    value: progress.done,
    max: progress.total,
  };
}

/**
 * "Import annotations from another tool": choose the files, the server answers their format and labels,
 * a select per label maps it to Margin's labels (or skip), then the import shows its upload and its
 * documents as they go, and the report with every tag left out and every problem.
 */
export function AnnotatedImport({ slug }: { slug: string }) {
  const router = useRouter();
  const [files, setFiles] = useState<File[]>([]);
  const [format, setFormat] = useState<ImportFormat>("auto");
  const [preview, setPreview] = useState<AnnotatedPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, LabelTarget | "">>({});
  const [skipUnmapped, setSkipUnmapped] = useState(false);
  const [predictions, setPredictions] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<AnnotatedProgress | null>(null);
  const [report, setReport] = useState<AnnotatedImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function read(chosen: File[], chosenFormat: ImportFormat) {
    setFiles(chosen);
    setPreview(null);
    setReport(null);
    setError(null);
    if (!chosen.length) return;
    setBusy("Reading the files…");
    const answer = await previewAnnotated(slug, chosen, { format: chosenFormat });
    setBusy(null);
    if (!answer.ok) return setError(answer.error);
    setPreview(answer.data);
    setMapping(Object.fromEntries(answer.data.labels.map((entry) => [entry.label, entry.target ?? ""])));
  }

  async function start() {
    if (!preview) return;
    setBusy("Importing…");
    setError(null);
    setReport(null);
    setProgress(null);
    const answer = await importAnnotated(
      slug,
      files,
      { format: preview.format, map: mapOf(mapping), skipUnmapped, predictions },
      setProgress,
    );
    setBusy(null);
    setProgress(null);
    if (answer.ok) {
      setReport(answer.data);
      setPreview(null);
    } else setError(answer.error);
    router.refresh();
  }

  const unmapped = preview?.labels.filter((entry) => !mapping[entry.label]) ?? [];
  const shown = progress && describeProgress(progress);

  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="flex cursor-pointer flex-col items-center gap-1 rounded-lg border-2 border-dashed border-stone-300 p-6 text-center text-sm">
          <span className="font-medium">
            {files.length ? `${files.length} file${files.length === 1 ? "" : "s"} chosen` : "Choose files"}
          </span>
          <span className="text-stone-600">Label Studio, doccano, W3C, brat, spaCy/Prodigy or CoNLL; tags, relations and notes</span>
          <input
            type="file"
            multiple
            className="sr-only"
            aria-label="Annotated files to import"
            disabled={busy !== null}
            onChange={(event) => void read([...(event.target.files ?? [])], format)}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Format</span>
          <select
            className={inputClass}
            value={preview?.format ?? format}
            disabled={busy !== null}
            onChange={(event) => {
              const chosen = event.target.value as ImportFormat;
              setFormat(chosen);
              if (files.length) void read(files, chosen);
            }}
          >
            {FORMATS.map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {preview && (
        <form
          className="flex flex-col gap-3"
          aria-label="Label map"
          onSubmit={(event) => {
            event.preventDefault();
            void start();
          }}
        >
          <p className="text-sm text-stone-600" role="status">
            {preview.documents.toLocaleString("en")} documents ({preview.format}); map each label to one of Margin’s, or skip it.
          </p>
          <table className="text-sm">
            <thead>
              <tr className="text-left text-stone-600">
                <th className="py-1 font-medium">Label in the files</th>
                <th className="py-1 font-medium">Tags</th>
                <th className="py-1 font-medium">Import as</th>
              </tr>
            </thead>
            <tbody>
              {preview.labels.map((entry) => (
                <tr key={entry.label}>
                  <td className="py-1 pr-3 break-all">{entry.label}</td>
                  <td className="py-1 pr-3">{entry.count.toLocaleString("en")}</td>
                  <td className="py-1">
                    <select
                      aria-label={`Map ${entry.label}`}
                      className={inputClass}
                      value={mapping[entry.label] ?? ""}
                      onChange={(event) => setMapping({ ...mapping, [entry.label]: event.target.value as LabelTarget | "" })}
                    >
                      <option value="">Choose…</option>
                      {TARGETS.map((target) => (
                        <option key={target} value={target}>
                          {target}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={skipUnmapped} onChange={(event) => setSkipUnmapped(event.target.checked)} />
            Leave out the tags of labels not mapped (each is listed in the report)
          </label>
          {preview.predictions > 0 && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={predictions} onChange={(event) => setPredictions(event.target.checked)} />
              Import the {preview.predictions.toLocaleString("en")} predictions as tags too
            </label>
          )}
          {unmapped.length > 0 && !skipUnmapped && (
            <p className="text-sm text-amber-800">Not mapped yet: {unmapped.map((entry) => entry.label).join(", ")}</p>
          )}
          <div>
            <Button type="submit" disabled={busy !== null || (unmapped.length > 0 && !skipUnmapped)}>
              Import
            </Button>
          </div>
        </form>
      )}
      {busy && (
        <div className="flex flex-col gap-1 text-sm" role="status" aria-live="polite">
          <span>{shown?.text ?? busy}</span>
          {/* Without a total (reading, the server's first answer) the bar is indeterminate: it still moves. */}
          <progress className="w-full" aria-label="Import progress" value={shown?.value} max={shown?.max} />
        </div>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {report && (
        <>
          <AnnotatedReport report={report} />
          <ImportResults slug={slug} results={report.results} label="Annotated import results" />
        </>
      )}
    </div>
  );
}
