import "server-only";
import { isUniqueViolation } from "@/lib/db/errors";
import { prisma } from "@/lib/db/prisma";
import { fail, ok, type Result } from "@/lib/errors";
import type { CreateProjectInput } from "./schema";

/** Creates a project with `ownerId` as its first owner. Any signed-in user may start a project. */
export async function createProject(ownerId: string, input: CreateProjectInput): Promise<Result<{ slug: string }, "slug_taken">> {
  try {
    const project = await prisma.project.create({
      data: { slug: input.slug, name: input.name, description: input.description || null, memberships: { create: { userId: ownerId, role: "owner" } } },
      select: { slug: true },
    });
    return ok(project);
  } catch (error) {
    if (isUniqueViolation(error)) return fail("slug_taken", `A project with the slug "${input.slug}" already exists`, "slug");
    throw error;
  }
}
