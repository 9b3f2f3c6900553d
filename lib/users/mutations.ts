import "server-only";
import { beginAttempt, endSession, unsafeEndSessionsOf } from "@/lib/auth/mutations";
import { hashPassword } from "@/lib/auth/password";
import { notifyAccessChange } from "@/lib/collab/mutations";
import { isUniqueViolation, type Tx } from "@/lib/db/errors";
import { prisma } from "@/lib/db/prisma";
import { fail, ok, type Result } from "@/lib/errors";
import type { LimitRule } from "@/lib/auth/rate-limit";
import { getInstanceSettings } from "@/lib/instance/data";
import { isSignupOpen } from "./signup-policy";
import type { SignUpInput } from "./schema";

/** Serializes user creation so that two sign-ups on an empty instance cannot both become its admin. */
const USER_CREATION_LOCK = 7_301_001;

export type NewUser = {
  email: string;
  name: string | null;
  passwordHash: string | null;
  image?: string | null;
  emailVerified?: Date | null;
  isAdmin?: boolean;
};
export type CreatedUser = { id: string; email: string; name: string | null; isAdmin: boolean };
export type SignUpRefusal = "signup_closed" | "email_taken";

/**
 * Inserts a user inside `tx`. The first user of an instance becomes its admin, and sign-up stays closed
 * after them (the settings default) until an admin opens it. `allowWhenClosed` is for paths that are
 * vouched for elsewhere: an invite, or the operator's CLI.
 */
export async function insertUser(
  tx: Tx,
  user: NewUser,
  options: { allowWhenClosed: boolean },
): Promise<Result<CreatedUser, SignUpRefusal>> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${USER_CREATION_LOCK})`;
  const first = (await tx.user.findFirst({ select: { id: true } })) === null;
  if (!first && !options.allowWhenClosed && !(await getInstanceSettings(tx)).signupOpen) {
    return fail("signup_closed", "Sign-up is closed on this instance; ask an admin or a project owner for an invite");
  }
  if (await tx.user.findUnique({ where: { email: user.email }, select: { id: true } })) {
    return fail("email_taken", "An account with this email already exists", "email");
  }
  const created = await tx.user.create({
    data: { ...user, isAdmin: first || (user.isAdmin ?? false) },
    select: { id: true, email: true, name: true, isAdmin: true },
  });
  return ok(created);
}

/** Sign-ups per client address in 15 minutes, across the cluster: hashing a password costs 19 MiB and real CPU. */
const SIGN_UPS_PER_IP: LimitRule = { name: "sign-up:ip", maxAttempts: 10, windowMs: 15 * 60_000 };

export async function signUp(input: SignUpInput, ip: string): Promise<Result<CreatedUser, SignUpRefusal | "rate_limited">> {
  // Cheap refusals first, before the expensive hash.
  if (!(await isSignupOpen()))
    return fail("signup_closed", "Sign-up is closed on this instance; ask an admin or a project owner for an invite");
  if ((await beginAttempt(SIGN_UPS_PER_IP, ip)).attempt === null)
    return fail("rate_limited", "Too many sign-ups from this address; try again in 15 minutes");
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction((tx) =>
      insertUser(tx, { email: input.email, name: input.name, passwordHash }, { allowWhenClosed: false }),
    );
  } catch (error) {
    if (isUniqueViolation(error)) return fail("email_taken", "An account with this email already exists", "email");
    throw error;
  }
}

/** The operator's `margin user add`: sign-up rules do not apply. */
export async function unsafeCreateUser(input: SignUpInput & { admin: boolean }): Promise<Result<CreatedUser, SignUpRefusal>> {
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction((tx) =>
    insertUser(tx, { email: input.email, name: input.name, passwordHash, isAdmin: input.admin }, { allowWhenClosed: true }),
  );
}

/**
 * Signing out: the session ends on the server, so a copy of its cookie signs nobody in any more, and the
 * user's live connections opened with a session are closed (their other browsers reconnect and are let
 * back in with their own sessions).
 */
export async function signOutSession(session: { userId: string; sessionId: string }): Promise<void> {
  await endSession(session.sessionId);
  await notifyAccessChange({ userId: session.userId, via: "session" });
}

/**
 * The operator's `margin user sign-out`: ends every session of the user, and their live connections opened
 * with one are closed on every instance (the CLI is not the server: the notice goes through the database).
 */
export async function unsafeSignOutEverywhere(userId: string): Promise<number> {
  const ended = await unsafeEndSessionsOf(userId);
  await notifyAccessChange({ userId, via: "session" });
  return ended;
}
