/**
 * Actors for tests come from the real gate (an API token through authenticateRequest), never from a cast.
 */
import { encode } from "@auth/core/jwt";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { startSession } from "@/lib/auth/mutations";
import type { Actor } from "@/lib/auth/context";
import { authenticateRequest } from "@/lib/auth/session-gate";

export async function actorFor(user: { id: string }): Promise<Actor> {
  const { token } = await createApiToken(user.id, "test");
  return authenticateRequest(new Request("http://margin.test/api/me", { headers: { authorization: `Bearer ${token}` } }));
}

/** The secret tests sign session cookies with, set for this process unless one is set already. */
export const TEST_AUTH_SECRET = (process.env.AUTH_SECRET ??= "vitest-only-auth-secret-0123456789abcdefghijklmnop");

/**
 * A signed-in browser's Auth.js session cookie for this user ("authjs.session-token", as on http), encrypted
 * with the test secret, naming a server-side session started as sign-in starts one: what the gates read.
 */
export async function signedInBrowser(user: { id: string }): Promise<{ cookie: string; sessionId: string }> {
  const name = "authjs.session-token";
  const sessionId = await startSession(user.id);
  return {
    cookie: `${name}=${await encode({ token: { sub: user.id, sid: sessionId }, secret: TEST_AUTH_SECRET, salt: name })}`,
    sessionId,
  };
}

/** Just the cookie of a freshly signed-in browser. */
export async function sessionCookie(user: { id: string }): Promise<string> {
  return (await signedInBrowser(user)).cookie;
}

/** A cookie with the user's id but no server-side session, as issued before sessions were kept. */
export async function cookieWithoutSession(user: { id: string }): Promise<string> {
  const name = "authjs.session-token";
  return `${name}=${await encode({ token: { sub: user.id }, secret: TEST_AUTH_SECRET, salt: name })}`;
}
