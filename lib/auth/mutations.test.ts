import { afterEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { beginAttempt, resetAttempts, sweepExpiredAttempts, takeBackAttempt } from "./mutations";
import type { LimitRule } from "./rate-limit";

const MINUTE = 60_000;
// Each instance of a cluster builds its own rule objects; only the name ties their counts together.
const rule = (overrides: Partial<LimitRule> = {}): LimitRule => ({ name: "test", maxAttempts: 5, windowMs: 15 * MINUTE, ...overrides });

const databaseNow = async () => (await prisma.$queryRaw<[{ now: Date }]>`SELECT clock_timestamp() AS now`)[0].now;
const attemptsOf = (limit: LimitRule, key: string) =>
  prisma.rateLimitAttempt.findMany({ where: { key: `${limit.name}:${key}` }, orderBy: { at: "asc" } });

/** Attempts made `agesMs` ago by the database's clock, as if counted then, without waiting for them to age. */
async function insertAttempts(limit: LimitRule, key: string, agesMs: number[]) {
  const now = (await databaseNow()).getTime();
  await prisma.rateLimitAttempt.createMany({ data: agesMs.map((age) => ({ key: `${limit.name}:${key}`, at: new Date(now - age) })) });
}

describe("rate-limit attempts", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("counts a key's attempts alike for every instance, apart from other keys and rules", async () => {
    const [first, second] = [rule(), rule()];
    for (let attempt = 0; attempt < 3; attempt++) expect((await beginAttempt(first, "alice")).attempt).not.toBeNull();
    for (let attempt = 0; attempt < 2; attempt++) expect((await beginAttempt(second, "alice")).attempt).not.toBeNull();
    for (const instance of [first, second]) {
      const refused = await beginAttempt(instance, "alice");
      expect(refused.attempt).toBeNull();
      expect(refused.retryAfterMs).toBeGreaterThan(14 * MINUTE);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(15 * MINUTE);
    }
    expect(await attemptsOf(first, "alice")).toHaveLength(5);
    expect((await beginAttempt(first, "bob")).attempt).not.toBeNull();
    expect((await beginAttempt(rule({ name: "other" }), "alice")).attempt).not.toBeNull();
  });

  it("lets exactly the limit through when attempts start at once on two instances", async () => {
    const burst = (limit: LimitRule) => Array.from({ length: 10 }, () => beginAttempt(limit, "burst"));
    const results = await Promise.all([...burst(rule()), ...burst(rule())]);
    const started = results.filter((result) => result.attempt !== null);
    expect(started).toHaveLength(5);
    expect(results.filter((result) => result.attempt === null && result.retryAfterMs > 0)).toHaveLength(15);
    expect((await attemptsOf(rule(), "burst")).map(({ id }) => id).sort()).toEqual(started.map(({ attempt }) => attempt).sort());
  });

  it("takes a successful attempt back, and forgets a key on reset under its rule only", async () => {
    const limit = rule({ maxAttempts: 2 });
    const first = await beginAttempt(limit, "carol");
    await beginAttempt(limit, "carol");
    expect((await beginAttempt(limit, "carol")).attempt).toBeNull();
    await takeBackAttempt(first.attempt!);
    expect((await beginAttempt(limit, "carol")).attempt).not.toBeNull();
    expect((await beginAttempt(limit, "carol")).attempt).toBeNull();

    const other = rule({ name: "other", maxAttempts: 2 });
    await beginAttempt(other, "carol");
    await resetAttempts(limit, "carol");
    expect(await attemptsOf(limit, "carol")).toHaveLength(0);
    expect(await attemptsOf(other, "carol")).toHaveLength(1);
    expect((await beginAttempt(limit, "carol")).attempt).not.toBeNull();
  });

  it("waits until the oldest counted attempt leaves the window, and deletes a key's expired attempts", async () => {
    await insertAttempts(rule({ maxAttempts: 3 }), "dave", [16 * MINUTE, 40_000, 30_000, 20_000]);
    const refused = await beginAttempt(rule({ maxAttempts: 3 }), "dave");
    expect(refused.attempt).toBeNull();
    // The one that counts is 40 seconds old, so the key unlocks 15 minutes after it: 14:20 from now.
    expect(refused.retryAfterMs).toBeGreaterThan(14 * MINUTE + 19_000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(14 * MINUTE + 20_000);
    expect(await attemptsOf(rule(), "dave")).toHaveLength(3);

    await insertAttempts(rule(), "erin", [20 * MINUTE, 19 * MINUTE, 18 * MINUTE, 17 * MINUTE, 16 * MINUTE]);
    const started = await beginAttempt(rule(), "erin");
    expect((await attemptsOf(rule(), "erin")).map(({ id }) => id)).toEqual([started.attempt]);
  });

  it("unlocks a key once its window has passed", async () => {
    const short = rule({ maxAttempts: 1, windowMs: 300 });
    expect((await beginAttempt(short, "frank")).attempt).not.toBeNull();
    const refused = await beginAttempt(short, "frank");
    expect(refused.attempt).toBeNull();
    expect(refused.retryAfterMs).toBeLessThanOrEqual(300);
    await expect.poll(async () => (await beginAttempt(short, "frank")).attempt, { timeout: 5000, interval: 50 }).not.toBeNull();
    expect(await attemptsOf(short, "frank")).toHaveLength(1);
  });

  it("counts by the database's clock, so an instance whose clock is a day off agrees", async () => {
    await insertAttempts(rule(), "gina", [MINUTE, MINUTE, MINUTE, MINUTE, MINUTE]);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 24 * 60 * MINUTE);
    const refused = await beginAttempt(rule(), "gina");
    expect(refused.attempt).toBeNull();
    expect(refused.retryAfterMs).toBeGreaterThan(13 * MINUTE);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(14 * MINUTE);
  });

  it("sweeps a rule's expired attempts of keys that are never used again, and nothing else", async () => {
    const limit = rule({ name: "sweep" });
    await insertAttempts(limit, "once-1", [16 * MINUTE]);
    await insertAttempts(limit, "once-2", [20 * MINUTE, 14 * MINUTE]);
    // A rule whose name starts with the other's keeps its own attempts, and so does a longer window.
    const longer = rule({ name: "sweep-longer", windowMs: 60 * MINUTE });
    await insertAttempts(longer, "once-1", [20 * MINUTE]);
    expect(await sweepExpiredAttempts(limit)).toBe(2);
    expect(await attemptsOf(limit, "once-1")).toHaveLength(0);
    expect(await attemptsOf(limit, "once-2")).toHaveLength(1);
    expect(await attemptsOf(longer, "once-1")).toHaveLength(1);
  });
});
