/**
 * Authentication of a collaboration WebSocket: an API token sent as the provider's token (scripts), or the
 * browser's Auth.js session cookie sent with the upgrade request (the editor). This is the socket's
 * counterpart of session-gate.ts, without Next.js: it runs in the server process, outside route handlers.
 */
import "server-only";
import { getToken } from "@auth/core/jwt";
import { unsafeFindActiveToken } from "@/lib/api-tokens/data";
import { touchApiToken } from "@/lib/api-tokens/mutations";
import { unsafeGetUserById } from "@/lib/users/data";
import { mintActor, type Actor } from "./context";
import { API_TOKEN_PREFIX, hashSecret } from "./secrets";

async function sessionUserId(headers: Headers): Promise<string | null> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return null;
  // The cookie is "__Secure-"-prefixed when the site is served over https.
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req: { headers }, secret, secureCookie }).catch(() => null);
    if (token?.sub) return token.sub;
  }
  return null;
}

export async function authenticateSocket(input: { token: string; headers: Headers }): Promise<Actor | null> {
  if (input.token.startsWith(API_TOKEN_PREFIX)) {
    const token = await unsafeFindActiveToken(hashSecret(input.token));
    if (!token) return null;
    await touchApiToken(token.id, token.lastUsedAt);
    return mintActor({ userId: token.user.id, email: token.user.email, name: token.user.name, isAdmin: token.user.isAdmin, via: "token" });
  }
  const userId = await sessionUserId(input.headers);
  const user = userId ? await unsafeGetUserById(userId) : null;
  return user ? mintActor({ userId: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, via: "session" }) : null;
}
