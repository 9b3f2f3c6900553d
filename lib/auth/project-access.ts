/**
 * The one gate to project data: membership decides, by role (lib/auth/permissions.ts). A project or
 * article the actor is not a member of is "not found", whether or not it exists, so nothing leaks.
 */
import "server-only";
import { prisma } from "@/lib/db/prisma";
import { AppError, fail, ok, type Result } from "@/lib/errors";
import { mintArticleAccess, mintProjectAccess, type Actor, type ArticleAccess, type ProjectAccess } from "./context";
import { can, type Capability } from "./permissions";

export type AccessRefusal = "not_found" | "forbidden";

export async function authorizeProject<C extends Capability>(actor: Actor, slug: string, capability: C): Promise<Result<ProjectAccess<C>, AccessRefusal>> {
  const membership = await prisma.membership.findFirst({
    where: { userId: actor.userId, project: { slug } },
    select: { role: true, project: { select: { id: true, slug: true, name: true } } },
  });
  if (!membership) return fail("not_found", `No project "${slug}"`);
  if (!can(membership.role, capability)) return fail("forbidden", `Your role (${membership.role}) does not allow ${capability}`);
  const { project } = membership;
  return ok(mintProjectAccess({ projectId: project.id, slug: project.slug, name: project.name, role: membership.role, userId: actor.userId }, capability));
}

export async function authorizeArticle<C extends Capability>(actor: Actor, articleId: string, capability: C): Promise<Result<ArticleAccess<C>, AccessRefusal>> {
  const article = await prisma.article.findUnique({
    where: { id: articleId },
    select: { project: { select: { id: true, slug: true, name: true, memberships: { where: { userId: actor.userId }, select: { role: true } } } } },
  });
  const role = article?.project.memberships[0]?.role;
  if (!article || !role) return fail("not_found", `No article "${articleId}"`);
  if (!can(role, capability)) return fail("forbidden", `Your role (${role}) does not allow ${capability}`);
  const { project } = article;
  return ok(mintArticleAccess(mintProjectAccess({ projectId: project.id, slug: project.slug, name: project.name, role, userId: actor.userId }, capability), articleId));
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
  const project = await prisma.project.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  return project && mintProjectAccess({ projectId: project.id, slug: project.slug, name: project.name, role: "owner", userId: null }, capability);
}
