/**
 * Counts failed sign-in attempts per key (an account, an IP address) in a sliding window and locks the key
 * once it has too many. Pure and clock-injected so that it is tested without waiting.
 *
 * Kept in memory: Margin runs as one server process. Several processes behind a load balancer would each
 * count separately, which still bounds guessing to a small multiple of the limit.
 */
export type LimitRule = { maxFailures: number; windowMs: number };

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly rule: LimitRule,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.rule.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.rule.maxFailures) return 0;
    // Unlocks when the oldest failure that still counts leaves the window.
    const oldest = recent[recent.length - this.rule.maxFailures]!;
    return oldest + this.rule.windowMs - this.now();
  }

  recordFailure(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    // Never keep more than needed to decide: bounds memory under a flood from one key.
    this.failures.set(key, recent.slice(-this.rule.maxFailures));
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}
