/**
 * Random secrets handed to users once (API tokens, invite links) and stored only as SHA-256 hashes. They
 * carry 256 bits of randomness, so a fast hash is safe and lets us look them up by hash.
 */
import { createHash, randomBytes } from "node:crypto";

export const API_TOKEN_PREFIX = "mgn_";

export function generateSecret(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** What the UI shows to tell tokens apart: the prefix and a few characters, never enough to use it. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, API_TOKEN_PREFIX.length + 6);
}
