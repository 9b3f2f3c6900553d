/**
 * Importing an article by its address, for the API, the import panel and the CLI: fetch the page
 * (fetch-page.ts), cut out its article (readable-page.ts), then the ordinary HTML import and store, so
 * that sanitizing, furniture, canonical text and duplicates are those of any other import. The canonical
 * address is the article's `url` (and what duplicates are found by); the address asked for is its origin.
 */
import { AppError, type AppErrorCode } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/context";
import { draftFromSource, finalizeDraft, previewDraft, type Preview } from "../draft";
import type { MetadataInput } from "../import-schema";
import { importArticle, type ImportResult } from "../mutations";
import { fetchPage, type FetchFailureReason, type FetchLimits } from "./fetch-page";
import { readablePage, type ReadablePage } from "./readable-page";
import type { UrlImportInput } from "./url-import-schema";

export type UrlFailureReason = FetchFailureReason | "no_article" | "not_stored";

/** An import's result; a failure also says whose fault it was, for the API's status. */
export type UrlImportResult =
  Exclude<ImportResult, { status: "failed" }> | { label: string; status: "failed"; error: string; reason: UrlFailureReason };

type Fetched = { ok: true; page: ReadablePage; requestedUrl: string } | { ok: false; reason: UrlFailureReason; message: string };

async function fetchArticle(url: string, limits?: Partial<FetchLimits>): Promise<Fetched> {
  const fetched = await fetchPage(url, limits);
  if (!fetched.ok) return fetched;
  const readable = readablePage(fetched.page.html, fetched.page.finalUrl);
  if (!readable.ok) return { ok: false, reason: "no_article", message: readable.message };
  return { ok: true, page: readable.page, requestedUrl: fetched.page.requestedUrl };
}

/** The page's metadata under the caller's: what the caller gave wins, field by field. */
function mergedMetadata(page: ReadablePage, overrides: MetadataInput = {}): MetadataInput {
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return { ...page.metadata, ...given };
}

/** Imports the article at `input.url`; every failure is a result naming why (one of many in a CLI run). */
export async function importFromUrl(
  access: ProjectAccess<"articles:import">,
  input: UrlImportInput,
  limits?: Partial<FetchLimits>,
): Promise<UrlImportResult> {
  const label = input.url;
  const fetched = await fetchArticle(input.url, limits);
  if (!fetched.ok) return { label, status: "failed", error: `could not import: ${fetched.message}`, reason: fetched.reason };
  const metadata = mergedMetadata(fetched.page, input.metadata);
  // Judged here, before storing, so that "no text" is told apart from a database failure by value.
  const prepared = finalizeDraft(await draftFromSource("html", fetched.page.contentHtml), { metadata, keepArtifacts: input.keepArtifacts });
  if (!prepared.ok) return { label, status: "failed", error: `the page holds no article text: ${prepared.message}`, reason: "no_article" };
  const result = await importArticle(
    access,
    { label, kind: "html", source: fetched.page.contentHtml, input: { ...metadata, keepArtifacts: input.keepArtifacts } },
    `url:${fetched.requestedUrl}`,
  );
  // What is left to fail is the database (importArticle logged it).
  return result.status === "failed" ? { ...result, reason: "not_stored" } : result;
}

const STATUS_OF: Record<UrlFailureReason, AppErrorCode> = {
  bad_url: "bad_request",
  refused: "bad_request",
  not_html: "bad_request",
  too_large: "bad_request",
  too_many_redirects: "bad_gateway",
  unreachable: "bad_gateway",
  http_status: "bad_gateway",
  timeout: "gateway_timeout",
  no_article: "unprocessable",
  not_stored: "unavailable",
};

function failure(reason: UrlFailureReason, message: string): AppError {
  return new AppError(STATUS_OF[reason], message, STATUS_OF[reason] === "bad_request" ? "url" : undefined);
}

/** The API's import: the result (imported or duplicate), or an AppError whose status says whose fault. */
export async function importFromUrlOrThrow(access: ProjectAccess<"articles:import">, input: UrlImportInput): Promise<UrlImportResult> {
  const result = await importFromUrl(access, input);
  if (result.status === "failed") throw failure(result.reason, result.error);
  return result;
}

/** What importing the page would store (the paste dialog's preview), without storing anything. */
export async function previewUrlImport(input: UrlImportInput): Promise<Preview & { url: string }> {
  const fetched = await fetchArticle(input.url);
  if (!fetched.ok) throw failure(fetched.reason, `could not import: ${fetched.message}`);
  const draft = await draftFromSource("html", fetched.page.contentHtml);
  // What the page says shows as detected, as a pasted page's head does; the caller's choices go on top.
  const detected = { ...draft.detected, ...fetched.page.metadata };
  const metadata = mergedMetadata(fetched.page, input.metadata);
  return {
    ...previewDraft({ ...draft, detected }, { metadata, keepArtifacts: input.keepArtifacts }),
    url: metadata.url ?? fetched.page.metadata.url,
  };
}
