import "server-only";
import type { Actor, ProjectAccess } from "@/lib/auth/context";
import { hashPassword } from "@/lib/auth/password";
import { generateSecret, hashSecret } from "@/lib/auth/secrets";
import { isUniqueViolation, type Tx } from "@/lib/db/errors";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { prisma } from "@/lib/db/prisma";
import { notifyAccessChange } from "@/lib/collab/mutations";
import { AppError, fail, ok, type Result } from "@/lib/errors";
import { insertUser } from "@/lib/users/mutations";
import { unsafeGetOpenInvite } from "./data";

const INVITE_TTL_MS = 7 * 24 * 60 * 60_000;

export type InviteOutcome =
  | { kind: "added"; email: string; role: ProjectRole }
  | { kind: "invited"; email: string; role: ProjectRole; token: string; expiresAt: Date };

/**
 * Adds a member by email: someone who already has an account joins at once; anyone else gets an invite link
 * (shown to the owner to pass on; Margin sends no email). A newer invite replaces an open one.
 */
export async function inviteMember(
  access: ProjectAccess<"members:manage">,
  input: { email: string; role: ProjectRole },
): Promise<Result<InviteOutcome, "already_member">> {
  if (!access.userId) throw new AppError("forbidden", "Invites are sent by a project owner");
  const invitedById = access.userId;
  const user = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (user) {
    const existing = await prisma.membership.findUnique({
      where: { projectId_userId: { projectId: access.projectId, userId: user.id } },
      select: { role: true },
    });
    if (existing) return fail("already_member", `${input.email} is already a member (${existing.role})`, "email");
    try {
      await prisma.membership.create({ data: { projectId: access.projectId, userId: user.id, role: input.role } });
    } catch (error) {
      // A double submit: the other request added them first.
      if (isUniqueViolation(error)) return fail("already_member", `${input.email} is already a member`, "email");
      throw error;
    }
    return ok({ kind: "added", email: input.email, role: input.role });
  }
  const token = generateSecret();
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
  await prisma.$transaction([
    prisma.invite.updateMany({
      where: { projectId: access.projectId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    }),
    prisma.invite.create({
      data: { projectId: access.projectId, email: input.email, role: input.role, tokenHash: hashSecret(token), invitedById, expiresAt },
    }),
  ]);
  return ok({ kind: "invited", email: input.email, role: input.role, token, expiresAt });
}

/** The operator's `margin member add`: the user must exist; an existing member gets the new role. */
export async function unsafeSetMember(
  access: ProjectAccess<"members:manage">,
  input: { email: string; role: ProjectRole },
): Promise<Result<{ created: boolean }, "no_user" | "last_owner">> {
  const user = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (!user) return fail("no_user", `No user with email ${input.email}; create one with \`margin user add\``, "email");
  return prisma.$transaction(async (tx) => {
    await lockProject(tx, access.projectId);
    const existing = await tx.membership.findUnique({
      where: { projectId_userId: { projectId: access.projectId, userId: user.id } },
      select: { id: true, role: true },
    });
    if (existing) {
      if (existing.role === "owner" && input.role !== "owner" && (await otherOwners(tx, access.projectId, existing.id)) === 0) {
        return fail("last_owner", "A project keeps at least one owner");
      }
      await tx.membership.update({ where: { id: existing.id }, data: { role: input.role } });
      // The CLI runs in a process of its own: the servers hear of the change through the database.
      if (existing.role !== input.role) await notifyAccessChange({ userId: user.id, projectId: access.projectId }, tx);
      return ok({ created: false });
    }
    await tx.membership.create({ data: { projectId: access.projectId, userId: user.id, role: input.role } });
    return ok({ created: true });
  });
}

/** Row lock on the project: concurrent role changes cannot together remove its last owner. */
async function lockProject(tx: Tx, projectId: string) {
  await tx.$queryRaw`SELECT id FROM projects WHERE id = ${projectId} FOR UPDATE`;
}

function otherOwners(tx: Tx, projectId: string, exceptMembershipId: string) {
  return tx.membership.count({ where: { projectId, role: "owner", id: { not: exceptMembershipId } } });
}

/** Drops the `userId` a membership change reports once its notice is sent. */
function done<E extends string>(result: Result<{ userId: string }, E>): Result<null, E> {
  return result.ok ? ok(null) : result;
}

export async function changeMemberRole(
  access: ProjectAccess<"members:manage">,
  membershipId: string,
  role: ProjectRole,
): Promise<Result<null, "not_found" | "last_owner">> {
  return prisma
    .$transaction(async (tx) => {
      await lockProject(tx, access.projectId);
      const member = await tx.membership.findFirst({
        where: { id: membershipId, projectId: access.projectId },
        select: { role: true, userId: true },
      });
      if (!member) return fail("not_found", "No such member");
      if (member.role === "owner" && role !== "owner" && (await otherOwners(tx, access.projectId, membershipId)) === 0) {
        return fail("last_owner", "A project keeps at least one owner: make someone else owner first");
      }
      await tx.membership.update({ where: { id: membershipId }, data: { role } });
      // Their open articles of the project reconnect, under the new role, on every instance.
      await notifyAccessChange({ userId: member.userId, projectId: access.projectId }, tx);
      return ok({ userId: member.userId });
    })
    .then(done);
}

export async function removeMember(
  access: ProjectAccess<"members:manage">,
  membershipId: string,
): Promise<Result<null, "not_found" | "last_owner">> {
  return prisma
    .$transaction(async (tx) => {
      await lockProject(tx, access.projectId);
      const member = await tx.membership.findFirst({
        where: { id: membershipId, projectId: access.projectId },
        select: { role: true, userId: true },
      });
      if (!member) return fail("not_found", "No such member");
      if (member.role === "owner" && (await otherOwners(tx, access.projectId, membershipId)) === 0) {
        return fail("last_owner", "A project keeps at least one owner");
      }
      await tx.membership.delete({ where: { id: membershipId } });
      await notifyAccessChange({ userId: member.userId, projectId: access.projectId }, tx);
      return ok({ userId: member.userId });
    })
    .then(done);
}

export async function revokeInvite(access: ProjectAccess<"members:manage">, inviteId: string): Promise<Result<null, "not_found">> {
  const { count } = await prisma.invite.updateMany({
    where: { id: inviteId, projectId: access.projectId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count ? ok(null) : fail("not_found", "No such open invite");
}

type InviteRefusal = "invalid_invite" | "wrong_account" | "email_taken";

/** Claims an open invite inside `tx`: the conditional update makes a second acceptance find nothing. */
async function claimInvite(tx: Tx, token: string) {
  const invite = await tx.invite.findFirst({
    where: { tokenHash: hashSecret(token), acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true, projectId: true, project: { select: { slug: true } } },
  });
  if (!invite) return null;
  // Every condition again: an owner may have revoked or replaced the invite since the read above.
  const { count } = await tx.invite.updateMany({
    where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { acceptedAt: new Date() },
  });
  return count ? invite : null;
}

const INVALID = "This invite link is invalid, expired, revoked or already used";

export async function acceptInvite(actor: Actor, token: string): Promise<Result<{ slug: string }, InviteRefusal>> {
  return prisma
    .$transaction(async (tx) => {
      const invite = await claimInvite(tx, token);
      if (!invite) return fail("invalid_invite", INVALID);
      if (invite.email !== actor.email) {
        // Throwing rolls the claim back, so the rightful invitee can still use the link.
        throw new InviteForSomeoneElse(invite.email);
      }
      await tx.membership.upsert({
        where: { projectId_userId: { projectId: invite.projectId, userId: actor.userId } },
        create: { projectId: invite.projectId, userId: actor.userId, role: invite.role },
        update: {},
      });
      return ok({ slug: invite.project.slug });
    })
    .catch((error: unknown) => {
      if (error instanceof InviteForSomeoneElse)
        return fail("wrong_account", `This invite is for ${error.email}; sign in with that account`);
      throw error;
    });
}

class InviteForSomeoneElse extends Error {
  constructor(readonly email: string) {
    super("invite for another account");
  }
}

/** An invitee without an account creates one from the invite (allowed even while sign-up is closed). */
export async function acceptInviteWithNewAccount(input: {
  token: string;
  name: string;
  password: string;
}): Promise<Result<{ slug: string; email: string }, InviteRefusal>> {
  // Refuse a dead link before hashing (which costs 19 MiB and real CPU); the transaction checks again.
  if (!(await unsafeGetOpenInvite(input.token))) return fail("invalid_invite", INVALID);
  const passwordHash = await hashPassword(input.password);
  return prisma
    .$transaction(async (tx) => {
      const invite = await claimInvite(tx, input.token);
      if (!invite) return fail("invalid_invite", INVALID);
      const created = await insertUser(tx, { email: invite.email, name: input.name, passwordHash }, { allowWhenClosed: true });
      if (!created.ok) throw new AccountExists();
      await tx.membership.create({ data: { projectId: invite.projectId, userId: created.value.id, role: invite.role } });
      return ok({ slug: invite.project.slug, email: invite.email });
    })
    .catch((error: unknown) => {
      if (error instanceof AccountExists)
        return fail("email_taken", "An account with this email already exists: sign in to accept the invite");
      throw error;
    });
}

class AccountExists extends Error {}
