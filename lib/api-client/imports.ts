/**
 * Bringing articles into a project: files, a pasted article (previewed first), a web page by its address, a
 * Margin dataset, another tool's annotated files.
 */
import type { Preview } from "@/lib/articles/draft";
import type { getArticle } from "@/lib/articles/data";
import type { MetadataValues } from "@/lib/articles/metadata-values";
import type { ImportResult } from "@/lib/articles/mutations";
import type { DatasetImportReport } from "@/lib/export/import-dataset";
import type { AnnotatedPreview } from "@/lib/imports/annotated-files";
import type { AnnotatedImportReport } from "@/lib/imports/import-annotated";
import type { LabelTarget } from "@/lib/imports/label-map";
import type { ImportFormat } from "@/lib/imports/readers";
import { call, UNREACHABLE, type ApiAnswer, type Json } from "./call";

export type { DatasetImportReport };

const project = (slug: string) => `/api/projects/${encodeURIComponent(slug)}`;

/** One file (text, Markdown, HTML, .docx, or JSON/JSONL with many articles): one result per article in it. */
export function importFile(slug: string, file: File, options: { keepArtifacts: boolean }) {
  const form = new FormData();
  form.append("file", file);
  form.append("keepArtifacts", String(options.keepArtifacts));
  return call<{ results: ImportResult[] }>(`${project(slug)}/imports`, {
    body: form,
    unreachable: "network error: the upload did not reach the server",
  });
}

/** A pasted article: rich HTML from a browser copy, or plain text. */
export type ArticleSource = { text: string } | { html: string };

export type ArticlePreview = Json<Preview>;

/** What importing this source would store (detected metadata, paragraphs, page furniture), without storing it. */
export const previewArticle = (slug: string, source: ArticleSource) =>
  call<{ preview: ArticlePreview }>(`${project(slug)}/articles/preview`, { body: source });

/** Imports one article, with the metadata as the form holds it and the furniture lines to strip (by index). */
export const importArticle = (slug: string, article: ArticleSource & MetadataValues & { strip: number[] }) =>
  call<{ article: Json<Awaited<ReturnType<typeof getArticle>>> }>(`${project(slug)}/articles`, { body: article });

/** The article a refused import duplicates (a 409: the project already has the same text). */
export function duplicateOf(answer: ApiAnswer<unknown>): string | undefined {
  return answer.ok ? undefined : (answer.body as { error?: { duplicateOf?: string } } | null)?.error?.duplicateOf;
}

/**
 * A Margin dataset (a json export, from this instance or another), sent as it is: every article counted,
 * the first results listed (`more` were not).
 */
export const importDataset = (slug: string, file: File) =>
  call<DatasetImportReport>(`${project(slug)}/imports/dataset?${new URLSearchParams({ name: file.name })}`, {
    body: file,
    contentType: "application/json",
    unreachable: "The file did not reach the server (network error)",
  });

/** The outcome of importing a page by its address: imported (201) or a duplicate (200, `match: "url"` by address). */
export type UrlImportAnswer = { result: ImportResult };

/** Imports the article of the web page at `url`, fetched by the server; failures come back in the API's words. */
export const importUrl = (slug: string, body: { url: string; keepArtifacts: boolean }) =>
  call<UrlImportAnswer>(`${project(slug)}/imports/url`, {
    body,
    unreachable: "network error: the request did not reach the server",
  });

export type { AnnotatedImportReport, AnnotatedPreview, ImportFormat, LabelTarget };

/** The options of an annotated import, as the API's query takes them. */
export type AnnotatedImportQuery = { format: ImportFormat; map?: string; skipUnmapped?: boolean; predictions?: boolean };

function annotatedPath(slug: string, query: AnnotatedImportQuery & { preview?: boolean }): string {
  const params = new URLSearchParams({ format: query.format });
  if (query.map) params.set("map", query.map);
  if (query.skipUnmapped) params.set("skipUnmapped", "1");
  if (query.predictions) params.set("predictions", "1");
  if (query.preview) params.set("preview", "1");
  return `${project(slug)}/imports/annotated?${params}`;
}

function formOf(files: File[]): FormData {
  const form = new FormData();
  for (const file of files) form.append("file", file);
  return form;
}

/** Another tool's files read, not imported: their format, documents and labels (each with its count and the map's target). */
export const previewAnnotated = (slug: string, files: File[], query: AnnotatedImportQuery) =>
  call<AnnotatedPreview>(annotatedPath(slug, { ...query, preview: true }), {
    body: formOf(files),
    unreachable: "The files did not reach the server (network error)",
  });

export type AnnotatedProgress = { phase: "uploading"; loaded: number; total: number } | { phase: "importing"; done: number; total: number };

/**
 * Imports another tool's files, telling `onProgress` how the upload goes and then how many documents are
 * imported. XMLHttpRequest rather than `call`: fetch reports neither an upload's progress nor, portably,
 * a response as it streams, and a 50 MB file must not look hung. Refusals (400) answer the API's message,
 * with the unmapped labels in `body` when that is why.
 */
export function importAnnotated(
  slug: string,
  files: File[],
  query: AnnotatedImportQuery,
  onProgress: (progress: AnnotatedProgress) => void,
): Promise<ApiAnswer<AnnotatedImportReport>> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", annotatedPath(slug, query));
    request.upload.onprogress = (event) => onProgress({ phase: "uploading", loaded: event.loaded, total: event.total });
    let read = 0;
    let report: AnnotatedImportReport | null = null;
    let failure: string | null = null;
    // Each complete NDJSON line once: progress, then the report (or an error line if the import stopped).
    const readLines = () => {
      const end = request.responseText.lastIndexOf("\n") + 1;
      for (const line of request.responseText.slice(read, end).split("\n").filter(Boolean)) {
        const value = JSON.parse(line) as {
          progress?: { done: number; total: number };
          report?: AnnotatedImportReport;
          error?: { message: string };
        };
        if (value.progress) onProgress({ phase: "importing", ...value.progress });
        if (value.report) report = value.report;
        if (value.error) failure = value.error.message;
      }
      read = end;
    };
    request.onprogress = () => {
      if (request.status === 200) readLines();
    };
    request.onload = () => {
      if (request.status !== 200) {
        let body: unknown = null;
        try {
          body = JSON.parse(request.responseText);
        } catch {
          // Not the API's JSON (a proxy's page): the status says enough.
        }
        const message = (body as { error?: { message?: string } } | null)?.error?.message ?? `The server answered ${request.status}`;
        return resolve({ ok: false, status: request.status, error: message, body });
      }
      readLines();
      resolve(report ? { ok: true, data: report } : { ok: false, status: 500, error: failure ?? "The import ended without a report" });
    };
    request.onerror = () => resolve({ ok: false, status: UNREACHABLE, error: "The files did not reach the server (network error)" });
    request.send(formOf(files));
  });
}
