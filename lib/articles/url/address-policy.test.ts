import { describe, expect, it } from "vitest";
import { blockedAddressReason, checkPageUrl } from "./address-policy";

describe("blockedAddressReason", () => {
  it("names every kind of address that is not the public internet", () => {
    expect(blockedAddressReason("127.0.0.1")).toBe("a loopback address");
    expect(blockedAddressReason("10.1.2.3")).toBe("a private address");
    expect(blockedAddressReason("172.31.255.255")).toBe("a private address");
    expect(blockedAddressReason("192.168.0.10")).toBe("a private address");
    expect(blockedAddressReason("100.64.0.1")).toBe("a shared (CGNAT) address");
    expect(blockedAddressReason("169.254.169.254")).toBe("the cloud metadata address");
    expect(blockedAddressReason("169.254.1.1")).toBe("a link-local address");
    expect(blockedAddressReason("0.0.0.0")).toBe('an unspecified ("this network") address');
    expect(blockedAddressReason("224.0.0.1")).toBe("a multicast address");
    expect(blockedAddressReason("255.255.255.255")).toBe("a reserved address");
    expect(blockedAddressReason("::")).toBe("the unspecified address");
    expect(blockedAddressReason("::1")).toBe("a loopback address");
    expect(blockedAddressReason("fd12:3456::1")).toBe("a unique-local (private) address");
    expect(blockedAddressReason("fe80::1%eth0")).toBe("a link-local address");
    expect(blockedAddressReason("ff02::1")).toBe("a multicast address");
  });

  it("judges IPv6 forms that carry an IPv4 address by that address", () => {
    expect(blockedAddressReason("::ffff:127.0.0.1")).toBe("a loopback address");
    expect(blockedAddressReason("::ffff:7f00:1")).toBe("a loopback address");
    expect(blockedAddressReason("::ffff:a9fe:a9fe")).toBe("the cloud metadata address");
    expect(blockedAddressReason("64:ff9b::10.0.0.1")).toBe("a private address");
    expect(blockedAddressReason("2002:c0a8:0101::1")).toBe("a private address");
    expect(blockedAddressReason("::ffff:8.8.8.8")).toBeNull();
  });

  it("lets public addresses through, next to the edges of the private ranges", () => {
    for (const address of ["8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "192.169.0.1", "2606:4700::1111", "2a00:1450::1"])
      expect(blockedAddressReason(address), address).toBeNull();
  });
});

describe("checkPageUrl", () => {
  const refused = (url: string) => {
    const checked = checkPageUrl(url, false);
    return checked.ok ? null : checked;
  };

  it("refuses literal private addresses however they are spelled", () => {
    for (const url of [
      "http://127.0.0.1/",
      "http://2130706433/",
      "http://0x7f.1/",
      "http://0177.0.0.1/",
      "http://127.1/",
      "http://[::1]:3000/",
      "http://[::ffff:127.0.0.1]/",
      "http://[0:0:0:0:0:ffff:a00:1]/",
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.1/",
      "http://localhost:3000/",
      "http://LOCALHOST./",
      "http://news.localhost/",
    ])
      expect(refused(url), url).toMatchObject({
        reason: "refused",
        message: expect.stringContaining("only public addresses can be imported"),
      });
    expect(refused("http://0x7f.1/")!.message).toBe("127.0.0.1 is a loopback address; only public addresses can be imported");
  });

  it("refuses what is not an http(s) address, and credentials", () => {
    expect(refused("file:///etc/passwd")).toEqual({
      ok: false,
      reason: "bad_url",
      message: "only http and https addresses can be imported, not file",
    });
    expect(refused("ftp://example.com/a")).toMatchObject({ reason: "bad_url" });
    expect(refused("not a url")).toEqual({ ok: false, reason: "bad_url", message: "not a URL: not a url" });
    expect(refused("https://editor:secret@example.com/")).toEqual({
      ok: false,
      reason: "bad_url",
      message: "addresses with a user name or password (user:pass@…) are refused",
    });
  });

  it("passes public addresses and host names (resolved later), and private ones when the operator allows them", () => {
    expect(checkPageUrl("https://news.example.com/a?id=1", false)).toMatchObject({ ok: true });
    expect(checkPageUrl("http://8.8.8.8/", false)).toMatchObject({ ok: true });
    expect(checkPageUrl("http://127.0.0.1:8080/", true)).toMatchObject({ ok: true });
    expect(checkPageUrl("https://user@127.0.0.1/", true)).toMatchObject({ ok: false, reason: "bad_url" });
  });
});
