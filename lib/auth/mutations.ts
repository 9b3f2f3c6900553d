/** What the gates write: when an API token was last used. */
import "server-only";
import { prisma } from "@/lib/db/prisma";
import { generateSecret, hashSecret } from "./secrets";

/** Records use at most once a minute, so that a busy script does not write on every request. */
export async function touchApiToken(tokenId: string, lastUsedAt: Date | null): Promise<void> {
  if (lastUsedAt && Date.now() - lastUsedAt.getTime() < 60_000) return;
  await prisma.apiToken.update({ where: { id: tokenId }, data: { lastUsedAt: new Date() } });
}

/** How long a browser stays signed in without signing in again (Auth.js' default, set explicitly). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * Starts a session at sign-in and returns its id, which goes into the session cookie. Only its hash is
 * stored, as for API tokens: the sessions table alone cannot sign anyone in.
 */
export async function startSession(userId: string): Promise<string> {
  const id = generateSecret();
  await prisma.session.create({
    data: { sessionToken: hashSecret(id), userId, expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
  });
  return id;
}

/** Ends one session (sign-out): its cookie signs nobody in any more, wherever a copy of it is. */
export async function endSession(sessionId: string): Promise<void> {
  await prisma.session.deleteMany({ where: { sessionToken: hashSecret(sessionId) } });
}

/** Ends every session of a user (the operator's `margin user sign-out`); the number ended. */
export async function unsafeEndSessionsOf(userId: string): Promise<number> {
  return (await prisma.session.deleteMany({ where: { userId } })).count;
}
