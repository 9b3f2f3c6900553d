/**
 * What the collaboration server knows about a connection once it is authorized (lib/collab/authorization.ts):
 * who, with which role, on which article and which of its documents. Every later hook reads it from the
 * connection instead of asking the database again.
 */
import type { Actor } from "@/lib/auth/context";
import type { TagScope } from "@/lib/auth/tag-scope";
import type { ProjectRole } from "@/lib/db/generated/enums";
import type { DocumentKind } from "./names";

/**
 * `kind` "view": a blind annotator's derived view of the tags document (lib/collab/names.ts). `tagScope`: the
 * blind rule on this article when the connection was authorized (lib/auth/tag-scope.ts).
 */
export type CollabContext = {
  actor: Actor;
  role: ProjectRole;
  projectId: string;
  articleId: string;
  kind: DocumentKind | "view";
  tagScope: TagScope;
};

/** The context of a hook's connection, or undefined for the server's own (direct) connections. */
export function contextOf(connection: { context?: unknown } | undefined | null): CollabContext | undefined {
  return connection?.context as CollabContext | undefined;
}
