import { describe, expect, it } from "vitest";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/mutations";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { encode } from "@auth/core/jwt";
import { endSession, unsafeEndSessionsOf } from "@/lib/auth/mutations";
import { actorFor, cookieWithoutSession, sessionCookie, signedInBrowser, TEST_AUTH_SECRET } from "@/lib/testing/actors";
import { createUser } from "@/lib/testing/factories";
import { authenticateRequest } from "./session-gate";

const request = (authorization?: string) =>
  new Request("http://margin.test/api/projects", { headers: authorization ? { authorization } : {} });

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("authenticateRequest", () => {
  it("turns a valid bearer token into its user and records its use", async () => {
    const user = await createUser();
    const { id, token } = await createApiToken(user.id, "script");
    const actor = await authenticateRequest(request(`Bearer ${token}`));
    expect(actor).toMatchObject({ userId: user.id, email: user.email, via: "token" });
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
  });

  it("stores only a hash of the token", async () => {
    const user = await createUser();
    const { id, token } = await createApiToken(user.id, "script");
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
  });

  it("refuses a revoked token, an unknown one, a malformed header and no credentials at all with 401", async () => {
    const user = await createUser();
    const { id, token } = await createApiToken(user.id, "script");
    expect((await revokeApiToken(await actorFor(user), id)).ok).toBe(true);
    expect((await refusal(authenticateRequest(request(`Bearer ${token}`)))).code).toBe("unauthorized");
    expect((await refusal(authenticateRequest(request("Bearer mgn_nope")))).code).toBe("unauthorized");
    expect((await refusal(authenticateRequest(request(token)))).message).toMatch(/Bearer/);
  });

  it("lets a user revoke only their own tokens", async () => {
    const owner = await createUser();
    const other = await createUser();
    const { id } = await createApiToken(owner.id, "script");
    expect(await revokeApiToken(await actorFor(other), id)).toMatchObject({ ok: false, reason: "not_found" });
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
  });

  it("refuses the token of a deleted user", async () => {
    const user = await createUser();
    const { token } = await createApiToken(user.id, "script");
    await prisma.user.delete({ where: { id: user.id } });
    expect((await refusal(authenticateRequest(request(`Bearer ${token}`)))).code).toBe("unauthorized");
  });
});

describe("authenticateRequest with a browser's session cookie", () => {
  const browser = (cookie: string, headers: Record<string, string> = {}, method = "POST") =>
    new Request("http://margin.test/api/projects", { method, headers: { cookie, host: "margin.test", ...headers } });

  it("turns the session into its user, and refuses a write another site's page sends", async () => {
    const user = await createUser();
    const cookie = await sessionCookie(user);
    expect(await authenticateRequest(browser(cookie, { origin: "http://margin.test" }))).toMatchObject({ userId: user.id, via: "session" });
    expect((await refusal(authenticateRequest(browser(cookie, { origin: "https://evil.example" })))).code).toBe("forbidden");
  });

  it("ignores X-Forwarded-Host unless a proxy is trusted, so a client cannot name its own origin as ours", async () => {
    const user = await createUser();
    const cookie = await sessionCookie(user);
    const forged = { origin: "https://evil.example", "x-forwarded-host": "evil.example" };
    expect((await refusal(authenticateRequest(browser(cookie, forged)))).code).toBe("forbidden");
    process.env.TRUST_PROXY = "1";
    try {
      // Behind a trusted proxy, the proxy sets the header and the browser's origin matches it.
      const proxied = { origin: "https://margin.example", "x-forwarded-host": "margin.example" };
      expect(await authenticateRequest(browser(cookie, proxied))).toMatchObject({ userId: user.id });
    } finally {
      delete process.env.TRUST_PROXY;
    }
  });
});

describe("sessions end on the server", () => {
  const browser = (cookie: string) => new Request("http://margin.test/api/me", { headers: { cookie, host: "margin.test" } });

  it("refuses the cookie of a session that signed out, while the user's other sessions go on", async () => {
    const user = await createUser();
    const laptop = await signedInBrowser(user);
    const phone = await signedInBrowser(user);
    expect(await authenticateRequest(browser(laptop.cookie))).toMatchObject({ userId: user.id, via: "session" });
    await endSession(laptop.sessionId);
    expect((await refusal(authenticateRequest(browser(laptop.cookie)))).code).toBe("unauthorized");
    expect(await authenticateRequest(browser(phone.cookie))).toMatchObject({ userId: user.id });
  });

  it("refuses every cookie of a user whose sessions the operator ended, and any cookie without a session", async () => {
    const user = await createUser();
    const cookies = [await sessionCookie(user), await sessionCookie(user)];
    expect(await unsafeEndSessionsOf(user.id)).toBe(2);
    for (const cookie of cookies) expect((await refusal(authenticateRequest(browser(cookie)))).code).toBe("unauthorized");
    expect((await refusal(authenticateRequest(browser(await cookieWithoutSession(user))))).code).toBe("unauthorized");
  });

  it("refuses a cookie whose session belongs to someone else", async () => {
    const [owner, other] = [await createUser(), await createUser()];
    const { sessionId } = await signedInBrowser(owner);
    const name = "authjs.session-token";
    const forged = `${name}=${await encode({ token: { sub: other.id, sid: sessionId }, secret: TEST_AUTH_SECRET, salt: name })}`;
    expect((await refusal(authenticateRequest(browser(forged)))).code).toBe("unauthorized");
  });
});
