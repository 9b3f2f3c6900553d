/**
 * Demo data: a project with three articles and one user per role (credentials in README). `seedDemo`
 * re-creates it from scratch; `npm run dev` calls it only on an empty database.
 */
import "server-only";
import { importArticle } from "@/lib/articles/mutations";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { prisma } from "@/lib/db/prisma";
import { unsafeSetMember } from "@/lib/members/mutations";
import { createProject } from "@/lib/projects/mutations";
import { unsafeCreateUser } from "@/lib/users/mutations";
import { DEMO_ARTICLES } from "./articles";

export const DEMO_PASSWORD = "margin-demo";
export const DEMO_PROJECT = { slug: "demo", name: "Demo newsroom", description: "Three short articles to try Margin with." };
export const DEMO_USERS: { email: string; name: string; role: ProjectRole }[] = [
  { email: "owner@example.com", name: "Olivia Owner", role: "owner" },
  { email: "editor@example.com", name: "Eddie Editor", role: "editor" },
  { email: "reviewer@example.com", name: "Rosa Reviewer", role: "reviewer" },
  { email: "viewer@example.com", name: "Victor Viewer", role: "viewer" },
];

function unwrap<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(`demo seed: ${result.message}`);
  return result.value;
}

export async function seedDemo(): Promise<void> {
  // Remove the previous demo (its articles and memberships cascade), then the demo users.
  await prisma.project.deleteMany({ where: { slug: DEMO_PROJECT.slug } });
  await prisma.user.deleteMany({ where: { email: { in: DEMO_USERS.map((user) => user.email) } } });

  const ids = new Map<string, string>();
  for (const user of DEMO_USERS) {
    // The demo owner administers the instance, so that sign-up can be opened from the UI.
    const created = unwrap(
      await unsafeCreateUser({ email: user.email, name: user.name, password: DEMO_PASSWORD, admin: user.role === "owner" }),
    );
    ids.set(user.email, created.id);
  }
  const owner = DEMO_USERS[0]!;
  unwrap(await createProject(ids.get(owner.email)!, DEMO_PROJECT));
  const access = (await unsafeOperatorProjectAccess(DEMO_PROJECT.slug, "members:manage"))!;
  for (const user of DEMO_USERS.slice(1)) unwrap(await unsafeSetMember(access, { email: user.email, role: user.role }));
  const importer = (await unsafeOperatorProjectAccess(DEMO_PROJECT.slug, "articles:import"))!;
  for (const { text, ...metadata } of DEMO_ARTICLES) {
    const result = await importArticle(
      importer,
      { label: metadata.title, kind: "text", source: text, input: { ...metadata, keepArtifacts: true } },
      "seed",
    );
    if (result.status !== "imported") throw new Error(`demo seed: ${metadata.title}: ${result.status}`);
  }
}
