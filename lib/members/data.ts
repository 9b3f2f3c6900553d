import "server-only";
import type { ProjectAccess } from "@/lib/auth/context";
import { hashSecret } from "@/lib/auth/secrets";
import { prisma } from "@/lib/db/prisma";

export function listMembers(access: ProjectAccess<"members:manage">) {
  return prisma.membership.findMany({
    where: { projectId: access.projectId },
    orderBy: [{ role: "asc" }, { user: { email: "asc" } }],
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
  });
}

export function listPendingInvites(access: ProjectAccess<"members:manage">) {
  return prisma.invite.findMany({
    where: { projectId: access.projectId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
  });
}

/** What the invite page shows before sign-in: the secret in the link is the credential. */
export function unsafeGetOpenInvite(token: string) {
  return prisma.invite.findFirst({
    where: { tokenHash: hashSecret(token), acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: {
      id: true,
      email: true,
      role: true,
      projectId: true,
      project: { select: { slug: true, name: true } },
      invitedBy: { select: { name: true, email: true } },
    },
  });
}

/** Who is in the project, for pickers such as "tagged by": any member may see the others' names. */
export function listMemberNames(access: ProjectAccess) {
  return prisma.membership.findMany({
    where: { projectId: access.projectId },
    orderBy: { user: { name: "asc" } },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  });
}
