import { describe, expect, it } from "vitest";
import { createUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { verifySignIn } from "./sign-in";

describe("verifySignIn", () => {
  it("accepts the right password and refuses a wrong one or an unknown email alike", async () => {
    const user = await createUser();
    expect(await verifySignIn({ email: user.email, password: TEST_PASSWORD, ip: "10.0.0.1" })).toMatchObject({
      ok: true,
      user: { id: user.id },
    });
    expect(await verifySignIn({ email: user.email, password: "wrong password", ip: "10.0.0.1" })).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });
    expect(await verifySignIn({ email: "nobody@test.example", password: "whatever", ip: "10.0.0.1" })).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });
  });

  it("locks an account after 5 failures, even for the right password, without locking other accounts", async () => {
    const victim = await createUser();
    const bystander = await createUser();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await verifySignIn({ email: victim.email, password: `guess ${attempt}`, ip: `10.1.0.${attempt}` })).ok).toBe(false);
    }
    const locked = await verifySignIn({ email: victim.email, password: TEST_PASSWORD, ip: "10.1.1.1" });
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(locked.ok === false && locked.reason === "rate_limited" && locked.retryAfterMs).toBeGreaterThan(14 * 60_000);
    expect((await verifySignIn({ email: bystander.email, password: TEST_PASSWORD, ip: "10.1.1.1" })).ok).toBe(true);
  });

  it("does not let simultaneous guesses past the limit", async () => {
    const user = await createUser();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => verifySignIn({ email: user.email, password: `burst ${index}`, ip: `10.3.0.${index}` })),
    );
    expect(results.filter((result) => result.ok === false && result.reason === "invalid_credentials")).toHaveLength(5);
    expect(results.filter((result) => result.ok === false && result.reason === "rate_limited")).toHaveLength(15);
  });

  it("locks an IP address that fails on many accounts", async () => {
    const user = await createUser();
    for (let attempt = 0; attempt < 50; attempt++) {
      await verifySignIn({ email: `spray-${attempt}@test.example`, password: "password1", ip: "10.2.0.1" });
    }
    expect(await verifySignIn({ email: user.email, password: TEST_PASSWORD, ip: "10.2.0.1" })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    expect((await verifySignIn({ email: user.email, password: TEST_PASSWORD, ip: "10.2.0.2" })).ok).toBe(true);
  }, 60_000);
});
