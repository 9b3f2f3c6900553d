import "server-only";
import { prisma } from "@/lib/db/prisma";

/** Pre-authentication lookup for the credentials check; nothing else may read password hashes. */
export function unsafeFindCredentials(email: string) {
  return prisma.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
}

export function unsafeGetUserByEmail(email: string) {
  return prisma.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, email: true, name: true, isAdmin: true } });
}

export async function hasAnyUser(): Promise<boolean> {
  return (await prisma.user.findFirst({ select: { id: true } })) !== null;
}

/** Whether an email has an open invite: lets an invitee sign up with OAuth while sign-up is closed. */
export async function unsafeHasPendingInvite(email: string): Promise<boolean> {
  const invite = await prisma.invite.findFirst({
    where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true },
  });
  return invite !== null;
}
