/**
 * Authorization contexts as branded types. Data functions take these instead of bare ids, so "was access
 * checked?" is answered by the type checker: only the gates in this folder can mint them (ESLint forbids
 * importing the mint functions anywhere else).
 */
import type { ProjectRole, ViewerExport } from "@/lib/db/generated/enums";
import type { Capability } from "./permissions";
import type { TagScope } from "./tag-scope";

declare const ACTOR: unique symbol;
declare const PROJECT_ACCESS: unique symbol;
declare const ARTICLE_ACCESS: unique symbol;
declare const ADMIN_ACCESS: unique symbol;

/** A signed-in user (session cookie) or a script (API token), checked against the database. */
export type Actor = Readonly<{ userId: string; email: string; name: string | null; isAdmin: boolean; via: "session" | "token" | "cli" }> & {
  readonly [ACTOR]: true;
};

/** A project's review and export policy, read with the membership so that every check has it at hand. */
export type ProjectSettings = Readonly<{
  blindAnnotation: boolean;
  allowSelfReview: boolean;
  autoAcceptAgreement: boolean;
  viewerExport: ViewerExport;
}>;

/** An instance admin (the first user, or one the CLI made admin): instance-wide settings such as sign-up. */
export type AdminAccess = Readonly<{ userId: string }> & { readonly [ADMIN_ACCESS]: true };

/**
 * A project the actor may use for capability C (checked when minted), with the role that decided it.
 * A write function asks for its capability, e.g. `ProjectAccess<"articles:import">`; a read function takes
 * any. `userId` is null for the operator's CLI. `tagScope`: which tags they see (lib/auth/tag-scope.ts).
 */
export type ProjectAccess<C extends Capability = Capability> = Readonly<{
  projectId: string;
  slug: string;
  name: string;
  role: ProjectRole;
  userId: string | null;
  settings: ProjectSettings;
  tagScope: TagScope;
}> & {
  readonly [PROJECT_ACCESS]: C;
};

/**
 * An article inside a project the actor may use for capability C. Its `tagScope` is the rule on this
 * article: a blind annotator who marked their work on it done sees everything there.
 */
export type ArticleAccess<C extends Capability = Capability> = ProjectAccess<C> &
  Readonly<{ articleId: string }> & { readonly [ARTICLE_ACCESS]: C };

export function mintActor(fields: Omit<Actor, typeof ACTOR>): Actor {
  return fields as Actor;
}

export function mintProjectAccess<C extends Capability>(
  fields: Omit<ProjectAccess, typeof PROJECT_ACCESS>,
  _capability: C,
): ProjectAccess<C> {
  return fields as ProjectAccess<C>;
}

export function mintArticleAccess<C extends Capability>(
  project: ProjectAccess<C>,
  articleId: string,
  tagScope: TagScope,
): ArticleAccess<C> {
  return { ...project, articleId, tagScope } as ArticleAccess<C>;
}

export function mintAdminAccess(actor: Actor): AdminAccess {
  return { userId: actor.userId } as AdminAccess;
}
