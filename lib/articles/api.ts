/**
 * What the HTTP API does with articles, one call per route: import one (its failure and duplicate as
 * errors a script can act on), preview an import, import uploaded files, edit metadata and answer the
 * article as it now is.
 */
import "server-only";
import type { Actor, ArticleAccess, ProjectAccess } from "@/lib/auth/context";
import { authorizeArticle, unwrapAccess } from "@/lib/auth/project-access";
import { AppError } from "@/lib/errors";
import { getArticle } from "./data";
import { draftFromSource, previewDraft, type Preview } from "./draft";
import { itemFromInput } from "./import-files";
import type { ImportItemInput, MetadataInput } from "./import-schema";
import { importArticle, importFile, updateArticleMetadata, type ImportResult } from "./mutations";

/**
 * Imports one article and answers it as stored: a source without text is a 400 on the field that carried
 * it, and the same text already in the project a 409 naming that article (`duplicateOf`).
 */
export async function importOneArticle(actor: Actor, access: ProjectAccess<"articles:import">, input: ImportItemInput) {
  const result = await importArticle(access, itemFromInput("api", input), "api");
  if (result.status === "failed") throw new AppError("bad_request", result.error, input.html !== undefined ? "html" : "text");
  if (result.status === "duplicate") {
    const same = result.match === "url" ? "address" : "text";
    throw new AppError("conflict", `This project already has an article with the same ${same}: "${result.title}"`, undefined, {
      error: { duplicateOf: result.id },
    });
  }
  return getArticle(unwrapAccess(await authorizeArticle(actor, result.id, "project:read")));
}

/** What importing `input` would store (detected metadata, paragraphs, furniture), without storing it. */
export async function previewImport(input: ImportItemInput): Promise<Preview> {
  const { keepArtifacts, strip, ...source } = input;
  const item = itemFromInput("preview", source);
  const draft = await draftFromSource(item.kind, item.source).catch((error: Error) => {
    throw new AppError("bad_request", `could not read the source: ${error.message}`, "html");
  });
  return previewDraft(draft, { metadata: item.input, keepArtifacts, strip });
}

/** Imports uploaded files one after the other; one result per article, each imported, duplicate or failed. */
export async function importUploadedFiles(
  access: ProjectAccess<"articles:import">,
  files: File[],
  options: { keepArtifacts: boolean },
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const file of files) {
    const bytes = Buffer.from(await file.arrayBuffer());
    results.push(...(await importFile(access, { name: file.name, bytes }, { origin: "upload", ...options })));
  }
  return results;
}

/** Replaces the article's metadata (never its text, which offsets depend on) and answers the article. */
export async function editArticleMetadata(access: ArticleAccess<"articles:edit">, metadata: MetadataInput & { title: string }) {
  await updateArticleMetadata(access, metadata);
  return getArticle(access);
}
