/**
 * Authentication of a collaboration WebSocket: an API token sent as the provider's token (scripts), or the
 * browser's Auth.js session cookie sent with the upgrade request (the editor). This is the socket's
 * counterpart of session-gate.ts, without Next.js: it runs in the server process, outside route handlers.
 */
import "server-only";
import type { Actor } from "./context";
import { actorOfSession, actorOfToken } from "./credentials";
import { API_TOKEN_PREFIX } from "./secrets";

export async function authenticateSocket(input: { token: string; headers: Headers }): Promise<Actor | null> {
  return input.token.startsWith(API_TOKEN_PREFIX) ? actorOfToken(input.token) : actorOfSession(input.headers);
}
