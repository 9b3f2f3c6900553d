import "server-only";
import type { ProjectAccess } from "@/lib/auth/context";
import { prisma } from "@/lib/db/prisma";
import { textToDoc } from "./content";
import type { ArticleInput } from "./schema";

/** Stores an article whose text is already canonical; the rich content is derived from it so they agree. */
export async function createArticle(access: ProjectAccess<"articles:import">, input: ArticleInput): Promise<{ id: string }> {
  return prisma.article.create({
    data: { projectId: access.projectId, ...input, content: textToDoc(input.text) },
    select: { id: true },
  });
}
