import { describe, expect, it } from "vitest";
import { authorizeProject, unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { prisma } from "@/lib/db/prisma";
import { actorFor } from "@/lib/testing/actors";
import { createProjectWith, createUser, uniqueId } from "@/lib/testing/factories";
import { listMembers, listPendingInvites, unsafeGetOpenInvite } from "./data";
import { unsafeCreateUser } from "@/lib/users/mutations";
import { acceptInvite, acceptInviteWithNewAccount, changeMemberRole, inviteMember, removeMember, revokeInvite } from "./mutations";

async function ownerAccess() {
  const owner = await createUser();
  const { slug } = await createProjectWith({ owner: [owner] });
  const result = await authorizeProject(await actorFor(owner), slug, "members:manage");
  if (!result.ok) throw new Error(result.message);
  return { owner, slug, access: result.value };
}

describe("members", () => {
  it("adds someone who already has an account at once, and refuses to add them twice", async () => {
    const { access } = await ownerAccess();
    const colleague = await createUser();
    expect(await inviteMember(access, { email: colleague.email, role: "reviewer" })).toMatchObject({ ok: true, value: { kind: "added" } });
    expect(await inviteMember(access, { email: colleague.email, role: "editor" })).toMatchObject({ ok: false, reason: "already_member" });
    expect((await listMembers(access)).find((member) => member.user.id === colleague.id)?.role).toBe("reviewer");
  });

  it("invites a newcomer with a link that creates their account, even while sign-up is closed, once", async () => {
    const { access, slug } = await ownerAccess();
    const email = `new-${uniqueId()}@test.example`;
    const invited = await inviteMember(access, { email, role: "editor" });
    if (!invited.ok || invited.value.kind !== "invited") throw new Error("expected an invite");
    const { token } = invited.value;
    expect(await prisma.invite.count({ where: { tokenHash: token } })).toBe(0);
    expect((await unsafeGetOpenInvite(token))?.email).toBe(email);

    const joined = await acceptInviteWithNewAccount({ token, name: "Newcomer", password: "another long password" });
    expect(joined).toEqual({ ok: true, value: { slug, email } });
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect((await authorizeProject(await actorFor(user), slug, "articles:import")).ok).toBe(true);
    expect(await acceptInviteWithNewAccount({ token, name: "Again", password: "another long password" })).toMatchObject({
      ok: false,
      reason: "invalid_invite",
    });
    expect(await listPendingInvites(access)).toHaveLength(0);
  });

  it("keeps an invite usable when someone else signed in tries it, and lets the invitee accept it", async () => {
    const { access, slug } = await ownerAccess();
    const email = `later-${uniqueId()}@test.example`;
    const invited = await inviteMember(access, { email, role: "viewer" });
    if (!invited.ok || invited.value.kind !== "invited") throw new Error("expected an invite");
    // The invitee signs up on their own (e.g. with OAuth) before following the link.
    const signedUp = await unsafeCreateUser({ email, name: "Invitee", password: "a long enough password", admin: false });
    if (!signedUp.ok) throw new Error(signedUp.message);

    const stranger = await actorFor(await createUser());
    expect(await acceptInvite(stranger, invited.value.token)).toMatchObject({ ok: false, reason: "wrong_account" });
    expect(await acceptInvite(await actorFor(signedUp.value), invited.value.token)).toEqual({ ok: true, value: { slug } });
    expect((await listMembers(access)).find((member) => member.user.email === email)?.role).toBe("viewer");
  });

  it("replaces an open invite by a newer one and lets the owner revoke invites", async () => {
    const { access } = await ownerAccess();
    const email = `twice-${uniqueId()}@test.example`;
    const first = await inviteMember(access, { email, role: "viewer" });
    const second = await inviteMember(access, { email, role: "editor" });
    if (!first.ok || first.value.kind !== "invited" || !second.ok || second.value.kind !== "invited") throw new Error("expected invites");
    expect(await unsafeGetOpenInvite(first.value.token)).toBeNull();
    const pending = await listPendingInvites(access);
    expect(pending.map((invite) => invite.role)).toEqual(["editor"]);
    expect((await revokeInvite(access, pending[0]!.id)).ok).toBe(true);
    expect(await unsafeGetOpenInvite(second.value.token)).toBeNull();
  });

  it("never leaves a project without an owner, even when two owners demote each other at once", async () => {
    const { access, owner } = await ownerAccess();
    const second = await createUser();
    await inviteMember(access, { email: second.email, role: "owner" });
    const members = await listMembers(access);
    const ids = members.map((member) => member.id);
    const results = await Promise.all(ids.map((id) => changeMemberRole(access, id, "editor")));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ reason: "last_owner" });
    const remaining = (await listMembers(access)).filter((member) => member.role === "owner");
    expect(remaining).toHaveLength(1);
    expect(await removeMember(access, remaining[0]!.id)).toMatchObject({ ok: false, reason: "last_owner" });
    expect(owner.id).toBeTruthy();
  });

  it("scopes member changes to the project in the access", async () => {
    const first = await ownerAccess();
    const second = await ownerAccess();
    const foreign = (await listMembers(second.access))[0]!;
    expect(await removeMember(first.access, foreign.id)).toMatchObject({ ok: false, reason: "not_found" });
    expect(await changeMemberRole(first.access, foreign.id, "viewer")).toMatchObject({ ok: false, reason: "not_found" });
    const operator = await unsafeOperatorProjectAccess(second.slug, "members:manage");
    expect(operator?.projectId).toBe(second.access.projectId);
  });
});
