/**
 * The page flavour of the project gate: a missing project renders the 404 page, a role that does not
 * allow the page renders the 403 page.
 */
import "server-only";
import { forbidden, notFound } from "next/navigation";
import type { Actor, ArticleAccess, ProjectAccess } from "./context";
import type { Capability } from "./permissions";
import { authorizeArticle, authorizeProject, type AccessRefusal } from "./project-access";
import type { Result } from "@/lib/errors";

function unwrapForPage<T>(result: Result<T, AccessRefusal>): T {
  if (result.ok) return result.value;
  return result.reason === "forbidden" ? forbidden() : notFound();
}

export async function projectForPage<C extends Capability>(actor: Actor, slug: string, capability: C): Promise<ProjectAccess<C>> {
  return unwrapForPage(await authorizeProject(actor, slug, capability));
}

export async function articleForPage<C extends Capability>(actor: Actor, articleId: string, capability: C): Promise<ArticleAccess<C>> {
  return unwrapForPage(await authorizeArticle(actor, articleId, capability));
}
