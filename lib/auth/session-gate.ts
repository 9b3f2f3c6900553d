/**
 * The only place that turns a request into an Actor: a session cookie (pages, server actions, the browser's
 * API calls) or an `Authorization: Bearer` API token (scripts).
 */
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import type { Actor } from "./context";
import { actorOfSession, actorOfToken } from "./credentials";

/** The signed-in user of the page or server action being rendered, or null. */
export async function getActor(): Promise<Actor | null> {
  return actorOfSession(await headers());
}

/** For pages and server actions: the signed-in user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireActor(returnTo: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}

/** For API routes: a bearer token when one is sent (and then only it), else the session; 401 otherwise. */
export async function authenticateRequest(request: Request): Promise<Actor> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError("unauthorized", "Authorization header must be `Bearer <token>`");
    const actor = await actorOfToken(match[1]!);
    if (!actor) throw new AppError("unauthorized", "Invalid or revoked API token");
    return actor;
  }
  const actor = await actorOfSession(request.headers);
  if (!actor) throw new AppError("unauthorized", "Sign in or send an API token as `Authorization: Bearer <token>`");
  assertSameOrigin(request);
  return actor;
}

/**
 * A browser sends its session cookie with requests that other sites trigger. Auth.js's cookies are
 * SameSite=Lax, which already keeps them off cross-site POSTs; as a second line, a cookie-authenticated
 * request that changes something must come from Margin's own pages (Origin equal to Host).
 */
function assertSameOrigin(request: Request) {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("origin");
  // Behind a reverse proxy (TRUST_PROXY=1) the host the browser used is the forwarded one; otherwise a
  // client could name any host in X-Forwarded-Host and pass this check from another site.
  const forwarded = process.env.TRUST_PROXY === "1" ? request.headers.get("x-forwarded-host") : null;
  const host = forwarded ?? request.headers.get("host");
  if (!origin || !host) return;
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    // "null" and other opaque origins are not ours
  }
  if (originHost !== host) throw new AppError("forbidden", "Cross-site request refused");
}
