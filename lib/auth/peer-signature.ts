/**
 * How instances of one cluster know each other: a request one instance forwards to another (a live tag
 * operation for an article the other owns, lib/tags/live/forwarding.ts) is signed with a key derived from
 * the AUTH_SECRET they share, over the time and the body, so that nobody else can send one and a recorded
 * one cannot be sent again a minute later. Nothing else of the instance trusts a peer.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const PEER_SIGNATURE_HEADER = "x-margin-peer-signature";

/** A signature older or newer than this is refused (clocks of one cluster agree to well within it). */
const TOLERANCE_MS = 60_000;

function key(): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: instances of a cluster sign what they forward with it");
  // Derived, so that the signing key is not the secret Auth.js signs sessions with.
  return createHmac("sha256", secret).update("margin cluster peers").digest();
}

const mac = (at: number, body: string) => createHmac("sha256", key()).update(`${at}.${body}`).digest("hex");

/** The header value that signs `body` now. */
export function signPeerRequest(body: string, now = Date.now()): string {
  return `t=${now},s=${mac(now, body)}`;
}

/** Whether `header` signs `body` with this cluster's key, recently. */
export function verifyPeerRequest(header: string | null | undefined, body: string, now = Date.now()): boolean {
  const match = /^t=(\d{1,15}),s=([0-9a-f]{64})$/.exec(header ?? "");
  if (!match) return false;
  const at = Number(match[1]);
  if (Math.abs(now - at) > TOLERANCE_MS) return false;
  const expected = Buffer.from(mac(at, body), "hex");
  return timingSafeEqual(expected, Buffer.from(match[2]!, "hex"));
}
