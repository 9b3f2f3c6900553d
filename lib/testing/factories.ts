/**
 * Test data through the real mutations, with random emails and slugs so that tests own their rows.
 * Shared by Vitest and the Playwright fixtures.
 */
import { randomBytes } from "node:crypto";
import { importArticle } from "@/lib/articles/mutations";
import type { MetadataInput } from "@/lib/articles/import-schema";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { unsafeSetMember } from "@/lib/members/mutations";
import { createProject } from "@/lib/projects/mutations";
import { prisma } from "@/lib/db/prisma";
import { unsafeCreateUser } from "@/lib/users/mutations";

export const TEST_PASSWORD = "correct horse battery";

export function uniqueId(): string {
  return randomBytes(5).toString("hex");
}

export async function createUser(options: { admin?: boolean; name?: string } = {}) {
  const email = `user-${uniqueId()}@test.example`;
  const created = await unsafeCreateUser({
    email,
    name: options.name ?? "Test User",
    password: TEST_PASSWORD,
    admin: options.admin ?? false,
  });
  if (!created.ok) throw new Error(created.message);
  return { ...created.value, password: TEST_PASSWORD };
}

/** An article stored exactly as given (no furniture stripped), as the import of a plain text would. */
export async function createArticle(slug: string, article: MetadataInput & { text: string }) {
  const access = await unsafeOperatorProjectAccess(slug, "articles:import");
  if (!access) throw new Error(`no project ${slug}`);
  const { text, ...metadata } = article;
  const result = await importArticle(
    access,
    { label: metadata.title ?? "test", kind: "text", source: text, verbatim: true, input: { ...metadata, keepArtifacts: true } },
    "test",
  );
  if (result.status !== "imported") throw new Error(`article not imported: ${JSON.stringify(result)}`);
  return { id: result.id, url: `/projects/${slug}/articles/${result.id}` };
}

export async function createProjectWith(members: Partial<Record<ProjectRole, { id: string; email: string }[]>>) {
  const owners = members.owner ?? [await createUser()];
  const slug = `p-${uniqueId()}`;
  const created = await createProject(owners[0]!.id, { slug, name: `Project ${slug}` });
  if (!created.ok) throw new Error(created.message);
  const access = (await unsafeOperatorProjectAccess(slug, "members:manage"))!;
  for (const [role, users] of Object.entries(members) as [ProjectRole, { email: string }[]][]) {
    for (const user of users) {
      const result = await unsafeSetMember(access, { email: user.email, role });
      if (!result.ok) throw new Error(result.message);
    }
  }
  return { slug, projectId: access.projectId };
}

/**
 * Makes the test the owner of an article, as an instance of a cluster is once it takes it
 * (lib/collab/ownership.ts): the epoch that the article's fenced writes then carry.
 */
export async function ownArticle(articleId: string): Promise<bigint> {
  const [row] = await prisma.$queryRaw<{ epoch: bigint }[]>`
    INSERT INTO article_owners (article_id, epoch, instance_id, address) VALUES (${articleId}, 1, 'test', 'http://127.0.0.1:1')
    ON CONFLICT (article_id) DO UPDATE SET epoch = article_owners.epoch + 1 RETURNING epoch`;
  return row!.epoch;
}
