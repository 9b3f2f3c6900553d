import { describe, expect, it } from "vitest";
import { retryAfterMs, type LimitRule } from "./rate-limit";

const rule: LimitRule = { name: "test", maxAttempts: 3, windowMs: 1000 };
const at = (ms: number) => new Date(ms);

describe("retryAfterMs", () => {
  it("lets a key start attempts while it has fewer than the limit", () => {
    expect(retryAfterMs(rule, [], at(0))).toBe(0);
    expect(retryAfterMs(rule, [at(0), at(100)], at(200))).toBe(0);
  });

  it("waits at the limit until the oldest counted attempt leaves the window", () => {
    expect(retryAfterMs(rule, [at(0), at(400), at(400)], at(400))).toBe(600);
    expect(retryAfterMs(rule, [at(0), at(400), at(400)], at(999))).toBe(1);
    expect(retryAfterMs(rule, [at(0), at(400), at(400)], at(1000))).toBe(0);
  });

  it("ignores attempts that have left the window", () => {
    expect(retryAfterMs(rule, [at(0), at(100), at(1200), at(1300)], at(1400))).toBe(0);
    expect(retryAfterMs(rule, [at(0), at(1200), at(1300), at(1350)], at(1400))).toBe(800);
  });

  it("waits for as many to leave as it takes to get under a limit lowered since they were counted", () => {
    const lowered = { ...rule, maxAttempts: 2 };
    expect(retryAfterMs(lowered, [at(100), at(200), at(300)], at(500))).toBe(700);
  });
});
