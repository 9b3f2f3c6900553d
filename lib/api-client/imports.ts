/** Bringing articles into a project: files, a pasted article (previewed first), a web page by its address, a Margin dataset. */
import type { Preview } from "@/lib/articles/draft";
import type { getArticle } from "@/lib/articles/data";
import type { MetadataValues } from "@/lib/articles/metadata-values";
import type { ImportResult } from "@/lib/articles/mutations";
import type { DatasetImportReport } from "@/lib/export/import-dataset";
import { call, type ApiAnswer, type Json } from "./call";

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
