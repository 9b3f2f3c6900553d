/**
 * The rule of a rate limit: a key (an account, an address) may start so many attempts in a sliding window,
 * and is locked once it has. The attempts themselves are counted in PostgreSQL (`beginAttempt` in
 * lib/auth/mutations.ts), so that every instance of a cluster counts the same ones; what is decided from
 * them is here, pure, so that it is tested without a database or a clock.
 *
 * An attempt is counted when it starts, not when it fails: requests sent at the same moment would otherwise
 * all pass the check before any failure is recorded. A success takes its attempt back.
 */
export type LimitRule = {
  /** Part of every stored key, so that two rules never count each other's attempts: "sign-in:account". */
  name: string;
  maxAttempts: number;
  windowMs: number;
};

/** An attempt that started (its row's id, to take it back), or a refusal with the time to wait. */
export type AttemptStart = { attempt: bigint; retryAfterMs: 0 } | { attempt: null; retryAfterMs: number };

/**
 * Milliseconds until the key may start another attempt, or 0 when it may start one now. `attempts` are the
 * times of the key's attempts, oldest first; those that have left the window no longer count.
 */
export function retryAfterMs(rule: LimitRule, attempts: readonly Date[], now: Date): number {
  const since = now.getTime() - rule.windowMs;
  const counting = attempts.filter((at) => at.getTime() > since);
  if (counting.length < rule.maxAttempts) return 0;
  // Unlocks when the oldest attempt that still counts leaves the window. There can be more than the limit
  // when it was lowered since they were counted: then as many must leave as it takes to get under it.
  const oldest = counting[counting.length - rule.maxAttempts]!;
  return oldest.getTime() + rule.windowMs - now.getTime();
}
