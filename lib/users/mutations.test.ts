import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { authorizeAdmin, unwrapAccess } from "@/lib/auth/project-access";
import { setSignupOpen } from "@/lib/instance/mutations";
import { actorFor } from "@/lib/testing/actors";
import { signUp, unsafeCreateUser } from "./mutations";

// This file's database starts empty (a copy of the migrated template), which the first-user rule needs.
const input = (name: string) => ({ name, email: `${name.toLowerCase()}@first.example`, password: "a long enough password" });

describe("sign-up", () => {
  beforeAll(async () => {
    expect(await prisma.user.count()).toBe(0);
  });

  it("makes the first of two simultaneous sign-ups the admin, closes sign-up, and refuses the second", async () => {
    const results = await Promise.all([signUp(input("Ada"), "10.9.0.1"), signUp(input("Bea"), "10.9.0.2")]);
    const created = results.filter((result) => result.ok);
    const refused = results.filter((result) => !result.ok);
    expect(created).toHaveLength(1);
    expect(created[0]!.ok && created[0]!.value.isAdmin).toBe(true);
    expect(refused[0]).toMatchObject({ ok: false, reason: "signup_closed" });
    expect(await prisma.user.count({ where: { isAdmin: true } })).toBe(1);
  });

  it("accepts new accounts once an admin opens sign-up, never as admins, and refuses a taken email", async () => {
    const admin = await prisma.user.findFirstOrThrow({ where: { isAdmin: true } });
    await setSignupOpen(unwrapAccess(authorizeAdmin(await actorFor(admin))), true);
    const carla = await signUp(input("Carla"), "10.9.0.3");
    expect(carla).toMatchObject({ ok: true, value: { email: "carla@first.example", isAdmin: false } });
    expect(await signUp({ ...input("Carla"), email: "CARLA@first.example".toLowerCase() }, "10.9.0.3")).toMatchObject({
      ok: false,
      reason: "email_taken",
      field: "email",
    });
  });

  it("limits sign-ups per address", async () => {
    const results = [];
    for (let index = 0; index < 11; index++) results.push(await signUp(input(`Burst${index}`), "10.9.9.9"));
    expect(results.filter((result) => result.ok)).toHaveLength(10);
    expect(results.at(-1)).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("lets only an admin change sign-up", async () => {
    const user = await prisma.user.findFirstOrThrow({ where: { isAdmin: false } });
    const actor = await actorFor(user);
    // The gate refuses before any write can be asked for: setSignupOpen needs the AdminAccess only it mints.
    expect(() => unwrapAccess(authorizeAdmin(actor))).toThrow(/Only an instance admin/);
  });

  it("stores an argon2id hash, never the password", async () => {
    const created = await unsafeCreateUser({ ...input("Dora"), admin: false });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: created.ok ? created.value.id : "" } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("a long enough password");
  });
});
