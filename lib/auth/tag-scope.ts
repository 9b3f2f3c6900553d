/**
 * Which tags someone may see. In a blind project (agreement studies), an annotator (an editor) sees only
 * the tags they made on an article until they mark their own work on it done; reviewers, owners and viewers
 * always see everything. The gates compute it once, into every ProjectAccess (the project's rule) and
 * ArticleAccess (the rule on that article, where "done" may have lifted it), so that every reader of tags
 * (the API, the live documents, review pages, agreement and export) applies the same rule without asking.
 */
export type TagScope = { kind: "all" } | { kind: "own"; userId: string };

/** The project-wide rule, before any article's "done" is known. */
export function projectTagScope(settings: { blindAnnotation: boolean }, role: string, userId: string | null): TagScope {
  return settings.blindAnnotation && role === "editor" && userId ? { kind: "own", userId } : { kind: "all" };
}

/** Whether `scope` shows a tag made by these annotators. */
export function scopeShows(scope: TagScope, annotatorIds: readonly string[]): boolean {
  return scope.kind === "all" || annotatorIds.includes(scope.userId);
}

/**
 * Whether this member annotates blind in their project (an editor of a blind project), whatever they
 * marked done: what the article page connects to, and what the project's pages offer them.
 */
export function annotatesBlind(access: { settings: { blindAnnotation: boolean }; role: string; userId: string | null }): boolean {
  return projectTagScope(access.settings, access.role, access.userId).kind === "own";
}
