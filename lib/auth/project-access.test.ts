import { describe, expect, it } from "vitest";
import { actorFor } from "@/lib/testing/actors";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import { prisma } from "@/lib/db/prisma";
import { PROJECT_ROLES, can, type Capability } from "./permissions";
import { authorizeArticle, authorizeProject } from "./project-access";

const CAPABILITIES: Capability[] = [
  "project:read",
  "project:manage",
  "members:manage",
  "articles:import",
  "articles:edit",
  "annotations:create",
  "annotations:review",
];

describe("project access", () => {
  it("follows the role table for every role and capability", async () => {
    const users = Object.fromEntries(await Promise.all(PROJECT_ROLES.map(async (role) => [role, await createUser()] as const)));
    const { slug } = await createProjectWith({
      owner: [users.owner!],
      editor: [users.editor!],
      reviewer: [users.reviewer!],
      viewer: [users.viewer!],
    });
    for (const role of PROJECT_ROLES) {
      const actor = await actorFor(users[role]!);
      for (const capability of CAPABILITIES) {
        const result = await authorizeProject(actor, slug, capability);
        expect({ role, capability, ok: result.ok, reason: result.ok ? null : result.reason }).toEqual({
          role,
          capability,
          ok: can(role, capability),
          reason: can(role, capability) ? null : "forbidden",
        });
      }
    }
    // Spot-check the table itself, so that a wrong edit to it fails here too.
    expect(can("viewer", "members:manage")).toBe(false);
    expect(can("editor", "annotations:review")).toBe(false);
    expect(can("reviewer", "annotations:review")).toBe(true);
    expect(can("owner", "members:manage")).toBe(true);
  });

  it("answers not_found, never forbidden, to a non-member, whether or not the project exists", async () => {
    const outsider = await actorFor(await createUser());
    const { slug } = await createProjectWith({});
    const existing = await authorizeProject(outsider, slug, "project:read");
    const missing = await authorizeProject(outsider, "no-such-project", "project:read");
    expect(existing).toMatchObject({ ok: false, reason: "not_found" });
    expect(missing).toMatchObject({ ok: false, reason: "not_found" });
  });

  it("reaches an article only through membership of its project", async () => {
    const member = await createUser();
    const outsider = await createUser();
    const a = await createProjectWith({ viewer: [member] });
    const b = await createProjectWith({ viewer: [outsider] });
    const { id } = await createArticle(a.slug, { title: "T", text: "Body" });

    const allowed = await authorizeArticle(await actorFor(member), id, "project:read");
    expect(allowed.ok && allowed.value).toMatchObject({ articleId: id, slug: a.slug, role: "viewer" });
    expect(await authorizeArticle(await actorFor(outsider), id, "project:read")).toMatchObject({ ok: false, reason: "not_found" });
    expect(await authorizeArticle(await actorFor(member), id, "articles:edit")).toMatchObject({ ok: false, reason: "forbidden" });
    expect(b.slug).not.toBe(a.slug);
  });

  it("loses access as soon as the membership is gone", async () => {
    const editor = await createUser();
    const { slug, projectId } = await createProjectWith({ editor: [editor] });
    const actor = await actorFor(editor);
    expect((await authorizeProject(actor, slug, "project:read")).ok).toBe(true);
    await prisma.membership.deleteMany({ where: { projectId, userId: editor.id } });
    expect(await authorizeProject(actor, slug, "project:read")).toMatchObject({ ok: false, reason: "not_found" });
  });
});
