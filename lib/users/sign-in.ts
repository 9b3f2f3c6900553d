import "server-only";
import { unsafeFindCredentials } from "./data";
import { decoyHash, verifyPassword } from "@/lib/auth/password";
import { FailureLimiter } from "@/lib/auth/rate-limit";

const WINDOW_MS = 15 * 60_000;

/**
 * Per account: 5 failures in 15 minutes lock it for the rest of the window (slows guessing one password).
 * Per IP: 50 failures (slows one address trying many accounts, while a newsroom behind one NAT still works).
 * Kept on globalThis: Next.js may load this module once per route bundle, and they must share counts.
 */
const limiters = ((globalThis as { marginSignInLimiters?: { account: FailureLimiter; ip: FailureLimiter } }).marginSignInLimiters ??= {
  account: new FailureLimiter({ maxFailures: Number(process.env.MARGIN_SIGNIN_MAX_FAILURES ?? 5), windowMs: WINDOW_MS }),
  ip: new FailureLimiter({ maxFailures: Number(process.env.MARGIN_SIGNIN_MAX_FAILURES_PER_IP ?? 50), windowMs: WINDOW_MS }),
});

export type SignInOutcome =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "rate_limited"; retryAfterMs: number };

export async function verifySignIn(input: { email: string; password: string; ip: string }): Promise<SignInOutcome> {
  const accountKey = `account:${input.email}`;
  const ipKey = `ip:${input.ip}`;
  // Both attempts are counted before the first await, so that simultaneous guesses cannot all get through.
  const ip = limiters.ip.begin(ipKey);
  if (ip.retryAfterMs > 0) return { ok: false, reason: "rate_limited", retryAfterMs: ip.retryAfterMs };
  const account = limiters.account.begin(accountKey);
  if (account.retryAfterMs > 0) {
    limiters.ip.succeed(ipKey, ip.attempt);
    return { ok: false, reason: "rate_limited", retryAfterMs: account.retryAfterMs };
  }

  const user = await unsafeFindCredentials(input.email);
  // Verify against a decoy when there is no account or no password, so that timing does not reveal which.
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
  if (!user?.passwordHash || !valid) return { ok: false, reason: "invalid_credentials" };
  limiters.account.reset(accountKey);
  limiters.ip.succeed(ipKey, ip.attempt);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
