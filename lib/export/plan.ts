/**
 * What an export reads, decided before it reads anything: who may export what (viewers and the gold
 * layer), which filters apply, and the filters as the dataset records them. Pure; data.ts turns a plan into
 * SQL and resolves what needs the database (annotators by email, article ids).
 */
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import { type ArticleStatus, type Label, LABELS } from "@/lib/vocabulary";
import type { ProjectAccess } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { annotatesBlind, type TagScope } from "@/lib/auth/tag-scope";
import type { ExportQuery, TagStatusFilter } from "./schema-filters";
import type { ExportHeader } from "./shape";

export type ExportFilters = Omit<ExportQuery, "format" | "offsetUnit" | "suggestions">;

export type ExportPlan = {
  projectId: string;
  scope: TagScope;
  status: TagStatusFilter;
  labels?: Label[];
  /** Raw as given (ids or emails) until data.ts resolves them to user ids. */
  annotators?: string[];
  articles?: string[];
  updatedSince?: Date;
  articleStatus?: ArticleStatus[];
  /**
   * Whether an article needs a tag passing the tag filters to be exported. A project export with a tag
   * filter (labels, annotators, a status other than all) leaves out articles with no such tag, so that
   * "the quotes by Ana" is not padded with every untagged article; without tag filters every article
   * passing the article filters is exported, tagged or not. An article export always holds its article.
   */
  requireTags: boolean;
  /** Whether articles carry their suggestions (never changes which articles or tags are exported). */
  suggestions: boolean;
};

const FORBIDDEN_STATUS =
  "Viewers of this project may export the gold layer only (status=accepted); its owner can allow viewers to export everything";

/**
 * The tag statuses an export may hold. Viewers of a project whose viewer export is "gold" get accepted tags
 * only, by default, and asking for more is a 403; everyone else gets every status unless they filter.
 */
export function effectiveStatus(access: ProjectAccess, requested: TagStatusFilter | undefined): TagStatusFilter {
  if (access.role === "viewer" && access.settings.viewerExport === "gold") {
    if (requested !== undefined && requested !== "accepted") throw new AppError("forbidden", FORBIDDEN_STATUS, "status");
    return "accepted";
  }
  return requested ?? "all";
}

export function planExport(
  access: ProjectAccess,
  filters: ExportFilters & { suggestions?: "include" | "exclude" },
  options: { article?: string } = {},
): ExportPlan {
  const status = effectiveStatus(access, filters.status);
  const tagFiltered = status !== "all" || filters.labels !== undefined || filters.annotators !== undefined;
  return {
    projectId: access.projectId,
    scope: access.tagScope,
    status,
    labels: filters.labels,
    annotators: filters.annotators,
    articles: options.article ? [options.article] : filters.articles,
    updatedSince: filters.updatedSince,
    articleStatus: filters.articleStatus,
    requireTags: !options.article && tagFiltered,
    suggestions: filters.suggestions === "include",
  };
}

/** The filters as the dataset and snapshots record them: absent ones omitted, lists in a canonical order. */
export function normalizedFilters(plan: ExportPlan): Record<string, string | string[]> {
  const filters: Record<string, string | string[]> = { status: plan.status };
  if (plan.labels) filters.labels = plan.labels;
  if (plan.annotators) filters.annotators = [...plan.annotators].sort();
  if (plan.articles) filters.articles = [...plan.articles].sort();
  if (plan.updatedSince) filters.updatedSince = plan.updatedSince.toISOString();
  if (plan.articleStatus) filters.articleStatus = plan.articleStatus;
  // Recorded only when on, so that an export without suggestions has the header it always had.
  if (plan.suggestions) filters.suggestions = "include";
  return filters;
}

/**
 * The header of an export made with these (normalized) filters: a snapshot rebuilds its header from the
 * filters it recorded, so that replaying it gives the bytes the live export gave.
 */
export function exportHeader(
  project: { slug: string; name: string },
  filters: Record<string, string | string[]>,
  offsetUnit: ExportHeader["offsetUnit"],
): ExportHeader {
  const labels = Array.isArray(filters.labels) ? filters.labels : null;
  return {
    project: { slug: project.slug, name: project.name },
    // The labels this export may hold: all four, or those the labels filter kept.
    labels: LABELS.filter((name) => !labels || labels.includes(name)).map((name) => ({
      name,
      description: LABEL_STYLES[name].description,
    })),
    offsetUnit,
    filters,
  };
}

/**
 * Snapshots hold every annotator's tags: in a blind project, editors (who see only their own until they
 * are done) may not save or read them.
 */
export function mayUseSnapshots(access: ProjectAccess): boolean {
  return !annotatesBlind(access);
}

/** Viewers of a gold-only project read gold snapshots only, as they export the gold layer only. */
export function mayReadSnapshot(access: ProjectAccess, filters: Record<string, string | string[]>): boolean {
  if (!mayUseSnapshots(access)) return false;
  return !(access.role === "viewer" && access.settings.viewerExport === "gold" && filters.status !== "accepted");
}
