import "server-only";
import { unsafeFindCredentials } from "./data";
import { decoyHash, verifyPassword } from "@/lib/auth/password";
import { beginAttempt, resetAttempts, takeBackAttempt } from "@/lib/auth/mutations";
import type { LimitRule } from "@/lib/auth/rate-limit";

const WINDOW_MS = 15 * 60_000;

/**
 * Per account: 5 failures in 15 minutes lock it for the rest of the window (slows guessing one password).
 * Per IP: 50 failures (slows one address trying many accounts, while a newsroom behind one NAT still works).
 * Counted in the database, so that the limits hold for the whole cluster rather than for each instance.
 */
const PER_ACCOUNT: LimitRule = {
  name: "sign-in:account",
  maxAttempts: Number(process.env.MARGIN_SIGNIN_MAX_FAILURES ?? 5),
  windowMs: WINDOW_MS,
};
const PER_IP: LimitRule = {
  name: "sign-in:ip",
  maxAttempts: Number(process.env.MARGIN_SIGNIN_MAX_FAILURES_PER_IP ?? 50),
  windowMs: WINDOW_MS,
};

export type SignInOutcome =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "rate_limited"; retryAfterMs: number };

export async function verifySignIn(input: { email: string; password: string; ip: string }): Promise<SignInOutcome> {
  // Both attempts are counted before the password is checked, so that simultaneous guesses cannot all get
  // through; the address first, so that a locked address adds nothing to the account's count.
  const ip = await beginAttempt(PER_IP, input.ip);
  if (ip.attempt === null) return { ok: false, reason: "rate_limited", retryAfterMs: ip.retryAfterMs };
  const account = await beginAttempt(PER_ACCOUNT, input.email);
  if (account.attempt === null) {
    await takeBackAttempt(ip.attempt);
    return { ok: false, reason: "rate_limited", retryAfterMs: account.retryAfterMs };
  }

  const user = await unsafeFindCredentials(input.email);
  // Verify against a decoy when there is no account or no password, so that timing does not reveal which.
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
  if (!user?.passwordHash || !valid) return { ok: false, reason: "invalid_credentials" };
  await Promise.all([resetAttempts(PER_ACCOUNT, input.email), takeBackAttempt(ip.attempt)]);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
