/**
 * Which tags someone may see. In a blind project (agreement studies), an annotator (an editor) sees only
 * the tags they made on an article until they mark their own work on it done; reviewers, owners and viewers
 * always see everything. Every reader of tags applies this: the API, the editor's live documents, review
 * pages, agreement and export.
 */
import type { ProjectAccess } from "@/lib/auth/context";

export type TagScope = { kind: "all" } | { kind: "own"; userId: string };

export function tagScope(access: ProjectAccess): TagScope {
  return access.settings.blindAnnotation && access.role === "editor" && access.userId
    ? { kind: "own", userId: access.userId }
    : { kind: "all" };
}
