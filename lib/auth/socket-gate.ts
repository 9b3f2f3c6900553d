/**
 * Authentication of a collaboration WebSocket: an API token sent as the provider's token (scripts), or the
 * browser's Auth.js session cookie sent with the upgrade request (the editor). This is the socket's
 * counterpart of session-gate.ts, without Next.js: it runs in the server process, outside route handlers.
 */
import "server-only";
import { unsafeFindActiveToken, unsafeGetUserById } from "./data";
import { touchApiToken } from "./mutations";
import { sessionUserId } from "./session-token";
import { mintActor, type Actor } from "./context";
import { API_TOKEN_PREFIX, hashSecret } from "./secrets";

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
