import "server-only";
import { isUniqueViolation } from "@/lib/db/errors";
import { prisma } from "@/lib/db/prisma";
import { fail, ok, type Result } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/context";
import type { CreateProjectInput, ProjectSettingsInput } from "./schema";

// The backend's token is not here: settings are answered, and it is never read back.
export const SETTINGS = {
  blindAnnotation: true,
  allowSelfReview: true,
  autoAcceptAgreement: true,
  viewerExport: true,
  suggestOnImport: true,
  suggestionBackendUrl: true,
} as const;

/** Creates a project with `ownerId` as its first owner. Any signed-in user may start a project. */
export async function createProject(ownerId: string, input: CreateProjectInput): Promise<Result<{ slug: string }, "slug_taken">> {
  try {
    const project = await prisma.project.create({
      data: {
        slug: input.slug,
        name: input.name,
        description: input.description || null,
        memberships: { create: { userId: ownerId, role: "owner" } },
      },
      select: { slug: true },
    });
    return ok(project);
  } catch (error) {
    if (isUniqueViolation(error)) return fail("slug_taken", `A project with the slug "${input.slug}" already exists`, "slug");
    throw error;
  }
}

/** Changes the project's review and export policy; returns it whole. */
export async function updateProjectSettings(access: ProjectAccess<"project:manage">, input: ProjectSettingsInput) {
  return prisma.project.update({ where: { id: access.projectId }, data: input, select: SETTINGS });
}

/**
 * Articles where two annotators made the same tag (words and label): what auto-accept must look at when it
 * is turned on, so that the others' live documents need not be opened.
 */
export async function unsafeListArticlesWithAgreement(projectId: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT a.article_id AS id FROM annotations a JOIN annotations b
      ON b.article_id = a.article_id AND b.label = a.label AND b.start = a.start AND b."end" = a."end" AND b.id > a.id AND NOT (a.annotator_ids && b.annotator_ids)
    JOIN articles r ON r.id = a.article_id
    WHERE r.project_id = ${projectId} AND a.status <> 'rejected' AND b.status <> 'rejected'`;
  return rows.map((row) => row.id);
}
