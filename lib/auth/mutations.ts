/** What lib/auth writes: when an API token was last used, sessions, and the attempts rate limits count. */
import "server-only";
import { prisma } from "@/lib/db/prisma";
import { retryAfterMs, type AttemptStart, type LimitRule } from "./rate-limit";
import { generateSecret, hashSecret } from "./secrets";

/** Records use at most once a minute, so that a busy script does not write on every request. */
export async function touchApiToken(tokenId: string, lastUsedAt: Date | null): Promise<void> {
  if (lastUsedAt && Date.now() - lastUsedAt.getTime() < 60_000) return;
  await prisma.apiToken.update({ where: { id: tokenId }, data: { lastUsedAt: new Date() } });
}

/** How long a browser stays signed in without signing in again (Auth.js' default, set explicitly). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * Starts a session at sign-in and returns its id, which goes into the session cookie. Only its hash is
 * stored, as for API tokens: the sessions table alone cannot sign anyone in.
 */
export async function startSession(userId: string): Promise<string> {
  const id = generateSecret();
  await prisma.session.create({
    data: { sessionToken: hashSecret(id), userId, expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
  });
  return id;
}

/** Ends one session (sign-out): its cookie signs nobody in any more, wherever a copy of it is. */
export async function endSession(sessionId: string): Promise<void> {
  await prisma.session.deleteMany({ where: { sessionToken: hashSecret(sessionId) } });
}

/** Ends every session of a user (the operator's `margin user sign-out`); the number ended. */
export async function unsafeEndSessionsOf(userId: string): Promise<number> {
  return (await prisma.session.deleteMany({ where: { userId } })).count;
}

/** A rule's attempts for a key are stored under both, so that two rules never count each other's. */
const storedKey = (rule: LimitRule, key: string) => `${rule.name}:${key}`;

/** How many attempts a process starts between sweeps of their rule's expired attempts. */
const SWEEP_EVERY = 1000;
let attemptsBegun = 0;

/**
 * Starts an attempt under `rule` (lib/auth/rate-limit.ts): counted at once, or refused with the time to
 * wait. One transaction under an advisory lock of the key, so that simultaneous attempts on every instance
 * are counted one after another and no more than the limit get through. The time is the database's, so that
 * instances whose clocks disagree still agree on the window.
 */
export async function beginAttempt(rule: LimitRule, key: string): Promise<AttemptStart> {
  if (++attemptsBegun % SWEEP_EVERY === 0) await sweepExpiredAttempts(rule);
  const stored = storedKey(rule, key);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${stored}, 0))`;
    // Read once the lock is held, so that no attempt already counted lies in its future.
    const [{ now }] = await tx.$queryRaw<[{ now: Date }]>`SELECT clock_timestamp() AS now`;
    // The key's expired attempts go as it is used, which keeps the table to what still counts.
    await tx.rateLimitAttempt.deleteMany({ where: { key: stored, at: { lte: new Date(now.getTime() - rule.windowMs) } } });
    const counting = await tx.rateLimitAttempt.findMany({ where: { key: stored }, select: { at: true }, orderBy: { at: "asc" } });
    const times = counting.map(({ at }) => at);
    const wait = retryAfterMs(rule, times, now);
    if (wait > 0) return { attempt: null, retryAfterMs: wait };
    const { id } = await tx.rateLimitAttempt.create({ data: { key: stored, at: now }, select: { id: true } });
    return { attempt: id, retryAfterMs: 0 };
  });
}

/** The attempt succeeded: it no longer counts. */
export async function takeBackAttempt(attempt: bigint): Promise<void> {
  await prisma.rateLimitAttempt.deleteMany({ where: { id: attempt } });
}

/** Forgets every attempt of a key under the rule (an account signed in: its earlier failures are forgiven). */
export async function resetAttempts(rule: LimitRule, key: string): Promise<void> {
  await prisma.rateLimitAttempt.deleteMany({ where: { key: storedKey(rule, key) } });
}

/**
 * Deletes the rule's expired attempts of every key, the number deleted. A key's own are deleted as it is
 * used, but a key never used again (an email tried once) would keep them. Rows another transaction holds are
 * skipped rather than waited for, so that a sweep never deadlocks with an attempt cleaning its own key.
 */
export async function sweepExpiredAttempts(rule: LimitRule): Promise<number> {
  return prisma.$executeRaw`
    DELETE FROM rate_limit_attempts WHERE id IN (
      SELECT id FROM rate_limit_attempts
      WHERE starts_with(key, ${`${rule.name}:`})
        AND at <= (clock_timestamp() AT TIME ZONE 'UTC') - make_interval(secs => ${rule.windowMs / 1000})
      FOR UPDATE SKIP LOCKED
    )`;
}
