/**
 * Test data through the real mutations, with random emails and slugs so that tests own their rows.
 * Actors come from the real gate (an API token through authenticateRequest), never from a cast.
 */
import { randomBytes } from "node:crypto";
import { createApiToken } from "@/lib/api-tokens/mutations";
import type { Actor } from "@/lib/auth/context";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { unsafeSetMember } from "@/lib/members/mutations";
import { createProject } from "@/lib/projects/mutations";
import { unsafeCreateUser } from "@/lib/users/mutations";

export const TEST_PASSWORD = "correct horse battery";

export function uniqueId(): string {
  return randomBytes(5).toString("hex");
}

export async function createUser(options: { admin?: boolean; name?: string } = {}) {
  const email = `user-${uniqueId()}@test.example`;
  const created = await unsafeCreateUser({ email, name: options.name ?? "Test User", password: TEST_PASSWORD, admin: options.admin ?? false });
  if (!created.ok) throw new Error(created.message);
  return { ...created.value, password: TEST_PASSWORD };
}

/** The user as the session gate sees them (through a fresh API token). */
export async function actorFor(user: { id: string }): Promise<Actor> {
  const { token } = await createApiToken(user.id, "test");
  return authenticateRequest(new Request("http://margin.test/api/me", { headers: { authorization: `Bearer ${token}` } }));
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
