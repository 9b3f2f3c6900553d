/**
 * An export as an HTTP response: the writer's type, a download file name, and what the export is (format,
 * version, unit, counts, project, labels, filters; the dataset version when it is known before the body:
 * a snapshot's) in headers. The body is the export's stream, so cancelling the response (the
 * client went away) cancels the export.
 *
 * Compression is the server's (server/main.ts), for every format, application/jsonl included: a route's
 * own Content-Encoding would be dropped by Next.js (send-response.js).
 */
import type { FormatWriter } from "./formats";
import { DATASET_FORMAT_VERSION, type ExportHeader } from "./shape";

/**
 * `attachment` with an ASCII file name, and the exact one (UTF-8) for clients that read filename*. A format
 * whose extension is another's (Label Studio's .json, spaCy's .jsonl) is named in the file name too, so
 * that two downloads of one day do not look the same: `desk-20261206.labelstudio.json`.
 */
export function contentDisposition(baseName: string, extension: string, format: string = extension): string {
  const name = format === extension ? `${baseName}.${extension}` : `${baseName}.${format}.${extension}`;
  const ascii = name.replace(/[^A-Za-z0-9._-]+/g, "_");
  return ascii === name
    ? `attachment; filename="${name}"`
    : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export type ExportResponseInput = {
  writer: Pick<FormatWriter, "format" | "contentType" | "extension" | "offsetUnit">;
  /** The dataset-level fields json carries in its body; jsonl (whose every line is an article) has them here. */
  header: ExportHeader;
  stream: ReadableStream<Uint8Array>;
  baseName: string;
  counts?: { articles: number; tags: number };
  /** Known for snapshots only: a live export knows it once its last byte is written (json has it at its end). */
  datasetVersion?: string;
};

export function exportResponse(input: ExportResponseInput): Response {
  const headers = new Headers({
    "content-type": input.writer.contentType,
    "content-disposition": contentDisposition(input.baseName, input.writer.extension, input.writer.format),
    "cache-control": "no-store",
    vary: "Accept-Encoding",
    "x-margin-format": input.writer.format,
    "x-margin-format-version": DATASET_FORMAT_VERSION,
    "x-margin-offset-unit": input.writer.offsetUnit ?? "none",
  });
  if (input.counts) {
    headers.set("x-margin-article-count", String(input.counts.articles));
    headers.set("x-margin-tag-count", String(input.counts.tags));
  }
  headers.set("x-margin-project", input.header.project.slug);
  headers.set("x-margin-labels", input.header.labels.map((label) => label.name).join(","));
  headers.set(
    "x-margin-filters",
    new URLSearchParams(
      Object.entries(input.header.filters).map(([key, value]) => [key, Array.isArray(value) ? value.join(",") : value]),
    ).toString(),
  );
  headers.set("link", '</api/export/schema>; rel="describedby"');
  if (input.datasetVersion) headers.set("x-margin-dataset-version", input.datasetVersion);
  return new Response(input.stream, { headers });
}

function configured(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * Largest dataset an import over HTTP reads. It is read as it arrives, an article at a time, so this bounds
 * the upload and its spool on disk, not memory (the CLI reads files of any size).
 */
export function maxDatasetBytes(): number {
  return configured("MARGIN_DATASET_IMPORT_MAX_BYTES", 100 * 1024 * 1024);
}

/**
 * Most articles a dataset imported over HTTP may hold: the import is one request, and each article costs
 * its checks (and, when valid, its writes), so a body of a million empty articles is refused before any
 * is imported rather than keeping the request busy for minutes. Larger datasets go through the CLI.
 */
export function maxDatasetArticles(): number {
  return configured("MARGIN_DATASET_IMPORT_MAX_ARTICLES", 50_000);
}
