/**
 * What the gates read to turn a request into an Actor: the user behind a session, and an API token by its
 * hash. lib/auth's own data module, so that the gate depends on nothing above it (users, tokens and members
 * depend on lib/auth, not the reverse).
 */
import "server-only";
import { prisma } from "@/lib/db/prisma";
import { hashSecret } from "./secrets";

/** The user behind a session or token, re-read on each request so that a deleted user loses access at once. */
export function unsafeGetUserById(userId: string) {
  return prisma.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, isAdmin: true } });
}

/** Pre-authentication lookup by hash for the gates (session and socket). */
export function unsafeFindActiveToken(tokenHash: string) {
  return prisma.apiToken.findFirst({
    where: { tokenHash, revokedAt: null },
    select: { id: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, isAdmin: true } } },
  });
}

/**
 * The user of a live session: the session id a signed-in browser's cookie carries (lib/auth/session-token.ts)
 * must name a session that has not ended (signed out, or ended by the operator) nor expired.
 */
export async function unsafeGetSessionUser(sessionId: string) {
  const session = await prisma.session.findUnique({
    where: { sessionToken: hashSecret(sessionId) },
    select: { expires: true, user: { select: { id: true, email: true, name: true, isAdmin: true } } },
  });
  return session && session.expires > new Date() ? session.user : null;
}
