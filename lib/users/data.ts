import "server-only";
import { prisma } from "@/lib/db/prisma";

/** Pre-authentication lookup for the credentials check; nothing else may read password hashes. */
export function unsafeFindCredentials(email: string) {
  return prisma.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
}

/** The user behind a session or token, re-read on each request so that a deleted user loses access at once. */
export function unsafeGetUserById(userId: string) {
  return prisma.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, isAdmin: true } });
}

export function unsafeGetUserByEmail(email: string) {
  return prisma.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, email: true, name: true, isAdmin: true } });
}

export async function hasAnyUser(): Promise<boolean> {
  return (await prisma.user.findFirst({ select: { id: true } })) !== null;
}
