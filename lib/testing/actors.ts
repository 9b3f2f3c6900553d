/**
 * Actors for tests come from the real gate (an API token through authenticateRequest), never from a cast.
 */
import { encode } from "@auth/core/jwt";
import { createApiToken } from "@/lib/api-tokens/mutations";
import type { Actor } from "@/lib/auth/context";
import { authenticateRequest } from "@/lib/auth/session-gate";

export async function actorFor(user: { id: string }): Promise<Actor> {
  const { token } = await createApiToken(user.id, "test");
  return authenticateRequest(new Request("http://margin.test/api/me", { headers: { authorization: `Bearer ${token}` } }));
}

/** The secret tests sign session cookies with, set for this process unless one is set already. */
export const TEST_AUTH_SECRET = (process.env.AUTH_SECRET ??= "vitest-only-auth-secret-0123456789abcdefghijklmnop");

/**
 * A browser's Auth.js session cookie for this user ("authjs.session-token", as on http), signed with the
 * test secret: what the gates read from a signed-in browser.
 */
export async function sessionCookie(user: { id: string }): Promise<string> {
  const name = "authjs.session-token";
  return `${name}=${await encode({ token: { sub: user.id }, secret: TEST_AUTH_SECRET, salt: name })}`;
}
