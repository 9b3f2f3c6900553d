/**
 * Counts failed attempts per key (an account, an IP address) in a sliding window and locks the key once it
 * has too many. Pure and clock-injected so that it is tested without waiting.
 *
 * An attempt is counted when it starts (`begin`), not when it fails: requests sent at the same moment would
 * otherwise all pass the check before any failure is recorded. A success takes its attempt back (`succeed`).
 *
 * Kept in memory: Margin runs as one server process. Several processes behind a load balancer would each
 * count separately, which still bounds guessing to a small multiple of the limit.
 */
export type LimitRule = { maxFailures: number; windowMs: number };

/** Forgets keys whose attempts have all expired, every this many calls, so that memory stays bounded. */
const SWEEP_EVERY = 1000;

export class FailureLimiter {
  private readonly attempts = new Map<string, number[]>();
  private calls = 0;

  constructor(
    private readonly rule: LimitRule,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.rule.windowMs;
    const kept = (this.attempts.get(key) ?? []).filter((at) => at > since);
    if (kept.length) this.attempts.set(key, kept);
    else this.attempts.delete(key);
    return kept;
  }

  private sweep() {
    if (++this.calls % SWEEP_EVERY) return;
    for (const key of [...this.attempts.keys()]) this.recent(key);
  }

  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.rule.maxFailures) return 0;
    // Unlocks when the oldest attempt that still counts leaves the window.
    const oldest = recent[recent.length - this.rule.maxFailures]!;
    return oldest + this.rule.windowMs - this.now();
  }

  /**
   * Starts an attempt: 0 and the attempt is counted as a failure until `succeed` takes it back, or the
   * milliseconds to wait (and nothing is counted).
   */
  begin(key: string): { retryAfterMs: number; attempt: number } {
    this.sweep();
    const retryAfterMs = this.retryAfterMs(key);
    if (retryAfterMs > 0) return { retryAfterMs, attempt: -1 };
    const attempt = this.now();
    const recent = this.recent(key);
    recent.push(attempt);
    this.attempts.set(key, recent.slice(-this.rule.maxFailures));
    return { retryAfterMs: 0, attempt };
  }

  /** The attempt succeeded: it no longer counts. */
  succeed(key: string, attempt: number): void {
    const recent = this.attempts.get(key);
    const index = recent?.indexOf(attempt) ?? -1;
    if (recent && index >= 0) recent.splice(index, 1);
  }

  reset(key: string): void {
    this.attempts.delete(key);
  }

  /** How many keys are tracked (for tests of the memory bound). */
  get size(): number {
    return this.attempts.size;
  }
}
