/**
 * Credentials into Actors, for both gates (the session gate for pages, actions and API calls; the socket
 * gate for the collaboration WebSocket's upgrade): an API token, or the session a browser's cookie names.
 *
 * The session a signed-in browser's cookie names: the Auth.js session cookie is a JWT encrypted with
 * AUTH_SECRET, holding the user's id (`sub`) and the id of the server-side session started at sign-in
 * (`sid`, lib/auth/mutations.ts). A JWT alone cannot be taken
 * back, so the gates also check that its session has not ended (sign-out, the operator): the old cookie
 * of a signed-out browser then signs nobody in. Reading the cookie here, rather than through the Auth.js
 * configuration in lib/users/next-auth.ts, keeps the gate free of the sign-in flow.
 */
import "server-only";
import { getToken } from "@auth/core/jwt";
import { mintActor, type Actor } from "./context";
import { unsafeFindActiveToken, unsafeGetSessionUser } from "./data";
import { touchApiToken } from "./mutations";
import { hashSecret } from "./secrets";

type SessionClaims = { userId: string; sessionId: string };

async function sessionClaims(headers: Headers): Promise<SessionClaims | null> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return null;
  // The cookie is "__Secure-"-prefixed when the site is served over https.
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req: { headers }, secret, secureCookie }).catch(() => null);
    // A cookie from before sessions were kept on the server has no session id: it signs nobody in.
    if (token?.sub && typeof token.sid === "string") return { userId: token.sub, sessionId: token.sid };
  }
  return null;
}

/** The user a browser's session cookie signs in, or null (no cookie, a forged one, an ended session). */
export async function actorOfSession(headers: Headers): Promise<Actor | null> {
  const claims = await sessionClaims(headers);
  const user = claims ? await unsafeGetSessionUser(claims.sessionId) : null;
  if (!user || user.id !== claims!.userId) return null;
  return mintActor({ userId: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, via: "session" });
}

/** The user of an API token (its use recorded), or null for an unknown or revoked one. */
export async function actorOfToken(secret: string): Promise<Actor | null> {
  const token = await unsafeFindActiveToken(hashSecret(secret));
  if (!token) return null;
  await touchApiToken(token.id, token.lastUsedAt);
  const { user } = token;
  return mintActor({ userId: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, via: "token" });
}
