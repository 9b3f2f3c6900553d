import { describe, expect, it } from "vitest";
import { FailureLimiter } from "./rate-limit";

function limiter(maxFailures = 3, windowMs = 1000) {
  let now = 0;
  const clock = { advance: (ms: number) => (now += ms) };
  return { limit: new FailureLimiter({ maxFailures, windowMs }, () => now), clock };
}

describe("FailureLimiter", () => {
  it("allows attempts until the limit is reached, counting each attempt when it starts", () => {
    const { limit } = limiter();
    expect(limit.begin("a").retryAfterMs).toBe(0);
    expect(limit.begin("a").retryAfterMs).toBe(0);
    expect(limit.begin("a").retryAfterMs).toBe(0);
    // Three attempts are under way or failed: the fourth waits, even before any of them finished.
    expect(limit.begin("a")).toEqual({ retryAfterMs: 1000, attempt: -1 });
  });

  it("takes a successful attempt back", () => {
    const { limit } = limiter(2);
    const first = limit.begin("a");
    limit.begin("a");
    limit.succeed("a", first.attempt);
    expect(limit.retryAfterMs("a")).toBe(0);
  });

  it("unlocks when the oldest counted attempt leaves the window", () => {
    const { limit, clock } = limiter();
    limit.begin("a");
    clock.advance(400);
    limit.begin("a");
    limit.begin("a");
    expect(limit.retryAfterMs("a")).toBe(600);
    clock.advance(600);
    expect(limit.retryAfterMs("a")).toBe(0);
  });

  it("keeps keys apart, forgets a key on reset, and forgets expired keys so memory stays bounded", () => {
    const { limit, clock } = limiter(1);
    limit.begin("a");
    expect(limit.retryAfterMs("a")).toBeGreaterThan(0);
    expect(limit.retryAfterMs("b")).toBe(0);
    limit.reset("a");
    expect(limit.retryAfterMs("a")).toBe(0);
    for (let index = 0; index < 1500; index++) limit.begin(`spray-${index}`);
    clock.advance(2000);
    for (let index = 0; index < 1000; index++) limit.begin("again");
    expect(limit.size).toBeLessThan(10);
  });
});
