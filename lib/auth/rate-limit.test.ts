import { describe, expect, it } from "vitest";
import { FailureLimiter } from "./rate-limit";

function limiter(maxFailures = 3, windowMs = 1000) {
  let now = 0;
  const clock = { advance: (ms: number) => (now += ms) };
  return { limit: new FailureLimiter({ maxFailures, windowMs }, () => now), clock };
}

describe("FailureLimiter", () => {
  it("allows attempts until the limit of failures is reached", () => {
    const { limit } = limiter();
    limit.recordFailure("a");
    limit.recordFailure("a");
    expect(limit.retryAfterMs("a")).toBe(0);
    limit.recordFailure("a");
    expect(limit.retryAfterMs("a")).toBe(1000);
  });

  it("unlocks when the oldest counted failure leaves the window", () => {
    const { limit, clock } = limiter();
    limit.recordFailure("a");
    clock.advance(400);
    limit.recordFailure("a");
    limit.recordFailure("a");
    expect(limit.retryAfterMs("a")).toBe(600);
    clock.advance(600);
    expect(limit.retryAfterMs("a")).toBe(0);
  });

  it("keeps keys apart and forgets a key on reset", () => {
    const { limit } = limiter(1);
    limit.recordFailure("a");
    expect(limit.retryAfterMs("a")).toBeGreaterThan(0);
    expect(limit.retryAfterMs("b")).toBe(0);
    limit.reset("a");
    expect(limit.retryAfterMs("a")).toBe(0);
  });
});
