/**
 * The one gate to project data: membership decides, by role (lib/auth/permissions.ts). A project or
 * article the actor is not a member of is "not found", whether or not it exists, so nothing leaks.
 */
import "server-only";
import { prisma } from "@/lib/db/prisma";
import { AppError, fail, ok, type Result } from "@/lib/errors";
import type { ProjectRole } from "@/lib/db/generated/enums";
import {
  mintAdminAccess,
  mintArticleAccess,
  mintProjectAccess,
  type Actor,
  type AdminAccess,
  type ArticleAccess,
  type ProjectAccess,
  type ProjectSettings,
} from "./context";
import { refusalOf, type Capability } from "./permissions";
import { projectTagScope, type TagScope } from "./tag-scope";

export type AccessRefusal = "not_found" | "forbidden";

const PROJECT = {
  id: true,
  slug: true,
  name: true,
  blindAnnotation: true,
  allowSelfReview: true,
  autoAcceptAgreement: true,
  viewerExport: true,
} as const;

function fields(
  project: {
    id: string;
    slug: string;
    name: string;
    blindAnnotation: boolean;
    allowSelfReview: boolean;
    autoAcceptAgreement: boolean;
    viewerExport: ProjectSettings["viewerExport"];
  },
  role: ProjectRole,
  userId: string | null,
) {
  const { id, slug, name, ...settings } = project;
  return { projectId: id, slug, name, role, userId, settings, tagScope: projectTagScope(settings, role, userId) };
}

export async function authorizeProject<C extends Capability>(
  actor: Actor,
  slug: string,
  capability: C,
): Promise<Result<ProjectAccess<C>, AccessRefusal>> {
  const membership = await prisma.membership.findFirst({
    where: { userId: actor.userId, project: { slug } },
    select: { role: true, project: { select: PROJECT } },
  });
  if (!membership) return fail("not_found", `No project "${slug}"`);
  const refusal = refusalOf(membership.role, capability, membership.project);
  if (refusal) return fail("forbidden", refusal);
  const { project } = membership;
  return ok(mintProjectAccess(fields(project, membership.role, actor.userId), capability));
}

export async function authorizeArticle<C extends Capability>(
  actor: Actor,
  articleId: string,
  capability: C,
): Promise<Result<ArticleAccess<C>, AccessRefusal>> {
  return authorizeArticleOf(actor.userId, articleId, capability);
}

/**
 * For a live operation another instance of the cluster forwarded here (lib/tags/live/forwarding.ts; its
 * signature, checked by the caller, proves an instance authenticated the user): the same check as
 * authorizeArticle, made again with the membership and settings as they are now.
 */
export async function unsafeAuthorizeForwardedArticle<C extends Capability>(
  userId: string,
  articleId: string,
  capability: C,
): Promise<Result<ArticleAccess<C>, AccessRefusal>> {
  return authorizeArticleOf(userId, articleId, capability);
}

async function authorizeArticleOf<C extends Capability>(
  userId: string,
  articleId: string,
  capability: C,
): Promise<Result<ArticleAccess<C>, AccessRefusal>> {
  const article = await prisma.article.findUnique({
    where: { id: articleId },
    select: {
      project: { select: { ...PROJECT, memberships: { where: { userId }, select: { role: true } } } },
      // Whether they marked their work here done, which lifts a blind project's rule on this article.
      annotators: { where: { userId, doneAt: { not: null } }, select: { userId: true } },
    },
  });
  const role = article?.project.memberships[0]?.role;
  if (!article || !role) return fail("not_found", `No article "${articleId}"`);
  const refusal = refusalOf(role, capability, article.project);
  if (refusal) return fail("forbidden", refusal);
  const { memberships: _, ...project } = article.project;
  const access = mintProjectAccess(fields(project, role, userId), capability);
  const scope: TagScope = article.annotators.length ? { kind: "all" } : access.tagScope;
  return ok(mintArticleAccess(access, articleId, scope));
}

/** For API routes: the access, or an AppError that the handler maps to 404/403. */
export function unwrapAccess<T>(result: Result<T, AccessRefusal>): T {
  if (result.ok) return result.value;
  throw new AppError(result.reason, result.message);
}

/**
 * Owner-level access for the operator's CLI, which runs with the database credentials and so is trusted
 * with every project. Never call it from a web entry point.
 */
export async function unsafeOperatorProjectAccess<C extends Capability>(slug: string, capability: C): Promise<ProjectAccess<C> | null> {
  const project = await prisma.project.findUnique({ where: { slug }, select: PROJECT });
  return project && mintProjectAccess(fields(project, "owner", null), capability);
}

/** An instance admin, or a 403: the gate to instance-wide settings. */
export function authorizeAdmin(actor: Actor): Result<AdminAccess, "forbidden"> {
  return actor.isAdmin ? ok(mintAdminAccess(actor)) : fail("forbidden", "Only an instance admin can do that");
}
