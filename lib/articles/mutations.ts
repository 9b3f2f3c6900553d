import "server-only";
import { createHash } from "node:crypto";
import type { ArticleAccess, ProjectAccess } from "@/lib/auth/context";
import { isUniqueViolation } from "@/lib/db/errors";
import { prisma } from "@/lib/db/prisma";
import { runAfterImport } from "./after-import";
import { findArticleWithUrl } from "./data";
import { draftFromSource, finalizeDraft, type PreparedArticle } from "./draft";
import { isFailure, itemsFromFile, type ImportItem } from "./import-files";
import type { MetadataInput } from "./import-schema";

export type ImportResult =
  | { label: string; status: "imported"; id: string; title: string; removedArtifacts: number }
  /** `match: "url"`: the project has an article at the same address (otherwise: the same text). */
  | { label: string; status: "duplicate"; id: string; title: string; match?: "url" }
  | { label: string; status: "failed"; error: string };

export function hashText(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Stores one prepared article. A single INSERT, so a failure writes nothing; the unique (project, text hash)
 * index makes a concurrent duplicate fail cleanly too. An article at the same address (comparable-url.ts)
 * is a duplicate as well; two simultaneous imports of one address with different texts both get in.
 */
async function storeArticle(
  access: ProjectAccess<"articles:import">,
  label: string,
  article: PreparedArticle,
  origin: string,
): Promise<ImportResult> {
  const textHash = hashText(article.text);
  const where = { projectId_textHash: { projectId: access.projectId, textHash } };
  const existing = await prisma.article.findUnique({ where, select: { id: true, title: true } });
  if (existing) return { label, status: "duplicate", ...existing };
  // The same page imported again (its text may have changed since) is a duplicate too.
  const sameUrl = article.url ? await findArticleWithUrl(access, article.url) : null;
  if (sameUrl) return { label, status: "duplicate", ...sameUrl, match: "url" };
  try {
    const created = await prisma.article.create({
      data: {
        projectId: access.projectId,
        title: article.title,
        byline: article.byline,
        source: article.source,
        url: article.url,
        publishedAt: article.publishedAt,
        language: article.language,
        text: article.text,
        content: article.content,
        textHash,
        wordCount: article.wordCount,
        removedArtifacts: article.removedArtifacts,
        origin,
        createdById: access.userId,
      },
      select: { id: true, title: true },
    });
    return { label, status: "imported", ...created, removedArtifacts: article.removedArtifacts.length };
  } catch (error) {
    if (isUniqueViolation(error)) {
      const winner = await prisma.article.findUniqueOrThrow({ where, select: { id: true, title: true } });
      return { label, status: "duplicate", ...winner };
    }
    // Whatever PostgreSQL refused, it refused this item only: the rest of a batch goes on.
    console.error(`[import] ${label}:`, error);
    return { label, status: "failed", error: "the database refused this article; the error was logged" };
  }
}

/** Imports one item; a source that cannot be read or holds no text is a failed item, not an exception. */
export async function importArticle(access: ProjectAccess<"articles:import">, item: ImportItem, origin: string): Promise<ImportResult> {
  let draft;
  try {
    draft = await draftFromSource(item.kind, item.source, { fileName: item.fileName, verbatim: item.verbatim });
  } catch (error) {
    return { label: item.label, status: "failed", error: `could not read the ${item.kind} source: ${(error as Error).message}` };
  }
  const { keepArtifacts, strip, ...metadata } = item.input ?? {};
  const prepared = finalizeDraft(draft, { metadata, keepArtifacts, strip });
  if (!prepared.ok) return { label: item.label, status: "failed", error: prepared.message };
  const result = await storeArticle(access, item.label, prepared.value, origin);
  if (result.status === "imported") await runAfterImport(access.projectId, result.id);
  return result;
}

/** The metadata form on the article page; the text is not touched (offsets depend on it). */
export async function updateArticleMetadata(
  access: ArticleAccess<"articles:edit">,
  metadata: MetadataInput & { title: string },
): Promise<void> {
  await prisma.article.update({
    where: { id: access.articleId },
    data: {
      title: metadata.title,
      byline: metadata.byline ?? null,
      source: metadata.source ?? null,
      url: metadata.url ?? null,
      publishedAt: metadata.publishedAt ?? null,
      language: metadata.language ?? null,
    },
  });
}

/**
 * Imports every article in one file (a JSON/JSONL file holds many). Each item succeeds or fails alone;
 * `keepArtifacts` applies to items that do not say otherwise.
 */
export async function importFile(
  access: ProjectAccess<"articles:import">,
  file: { name: string; bytes: Buffer },
  options: { origin: string; keepArtifacts?: boolean },
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const item of itemsFromFile(file.name, file.bytes)) {
    if (isFailure(item)) results.push({ label: item.label, status: "failed", error: item.error });
    else
      results.push(
        await importArticle(
          access,
          { ...item, input: { keepArtifacts: options.keepArtifacts, ...item.input } },
          `${options.origin}:${file.name}`,
        ),
      );
  }
  return results;
}
