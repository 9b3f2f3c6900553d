import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signPeerRequest, verifyPeerRequest } from "./peer-signature";

describe("peer signatures", () => {
  const saved = process.env.AUTH_SECRET;
  beforeEach(() => void (process.env.AUTH_SECRET = "cluster-secret"));
  afterEach(() => void (process.env.AUTH_SECRET = saved));

  it("accepts what an instance with the same secret signed, recently", () => {
    const header = signPeerRequest('{"method":"create"}', 1_000_000);
    expect(verifyPeerRequest(header, '{"method":"create"}', 1_000_000 + 30_000)).toBe(true);
  });

  it("refuses another body, an old or future signature, another secret and malformed headers", () => {
    const header = signPeerRequest('{"method":"create"}', 1_000_000);
    expect(verifyPeerRequest(header, '{"method":"delete"}', 1_000_000)).toBe(false);
    expect(verifyPeerRequest(header, '{"method":"create"}', 1_000_000 + 61_000)).toBe(false);
    expect(verifyPeerRequest(header, '{"method":"create"}', 1_000_000 - 61_000)).toBe(false);
    process.env.AUTH_SECRET = "another-secret";
    expect(verifyPeerRequest(header, '{"method":"create"}', 1_000_000)).toBe(false);
    for (const bad of [null, "", "t=1,s=zz", `t=1000000,s=${"0".repeat(63)}`, "s=00,t=1"])
      expect(verifyPeerRequest(bad, '{"method":"create"}', 1_000_000)).toBe(false);
  });
});
