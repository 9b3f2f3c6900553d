/**
 * The signed-in user's id from the Auth.js session cookie (a JWT signed with AUTH_SECRET), read the same way
 * by both gates: the session gate for pages, actions and API calls, and the socket gate for the collaboration
 * WebSocket's upgrade request. Reading the cookie here, rather than through the Auth.js configuration in
 * lib/users/next-auth.ts, keeps the gate free of the sign-in flow (which needs users, invites and settings).
 */
import "server-only";
import { getToken } from "@auth/core/jwt";

export async function sessionUserId(headers: Headers): Promise<string | null> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return null;
  // The cookie is "__Secure-"-prefixed when the site is served over https.
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req: { headers }, secret, secureCookie }).catch(() => null);
    if (token?.sub) return token.sub;
  }
  return null;
}
