import "server-only";
import type { Actor, ProjectAccess } from "@/lib/auth/context";
import { prisma } from "@/lib/db/prisma";

/** The projects the actor is a member of, with their role and a few counts for the list page. */
export async function listProjectsForActor(actor: Actor) {
  const memberships = await prisma.membership.findMany({
    where: { userId: actor.userId },
    orderBy: { project: { name: "asc" } },
    select: {
      role: true,
      project: {
        select: { slug: true, name: true, description: true, createdAt: true, _count: { select: { articles: true, memberships: true } } },
      },
    },
  });
  return memberships.map(({ role, project }) => ({
    slug: project.slug,
    name: project.name,
    description: project.description,
    role,
    createdAt: project.createdAt,
    articleCount: project._count.articles,
    memberCount: project._count.memberships,
  }));
}

export async function getProjectSummary(access: ProjectAccess) {
  const project = await prisma.project.findUniqueOrThrow({
    where: { id: access.projectId },
    select: { slug: true, name: true, description: true, createdAt: true, _count: { select: { articles: true, memberships: true } } },
  });
  return {
    slug: project.slug,
    name: project.name,
    description: project.description,
    role: access.role,
    createdAt: project.createdAt,
    articleCount: project._count.articles,
    memberCount: project._count.memberships,
    settings: access.settings,
  };
}

/**
 * The suggestion settings an owner edits: whether a backend token is stored, never the token itself (it is
 * write-only, so that the settings page and its HTML never carry a secret).
 */
export async function getSuggestionSettings(access: ProjectAccess<"project:manage">) {
  const project = await prisma.project.findUniqueOrThrow({
    where: { id: access.projectId },
    select: { suggestOnImport: true, suggestionBackendUrl: true, suggestionBackendToken: true },
  });
  return {
    suggestOnImport: project.suggestOnImport,
    suggestionBackendUrl: project.suggestionBackendUrl,
    suggestionBackendTokenSet: project.suggestionBackendToken !== null && project.suggestionBackendToken !== "",
  };
}

export type SuggestionSettings = Awaited<ReturnType<typeof getSuggestionSettings>>;
