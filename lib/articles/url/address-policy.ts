/**
 * Which addresses a page may be fetched from. Importing by URL makes the server a client on the user's
 * behalf: without this rule, "import https://…" could read the instance's own admin ports, the database, a
 * cloud's metadata service (169.254.169.254) or anything else on the private network behind it. Every
 * address a host resolves to, and every literal IP in a URL, is classified here; only public unicast
 * addresses pass, unless the operator allows private ones (MARGIN_IMPORT_ALLOW_PRIVATE_URLS=1, for an
 * intranet newsroom or the tests' local page server).
 */
import { isIPv4, isIPv6 } from "node:net";

export function privateAddressesAllowed(): boolean {
  return process.env.MARGIN_IMPORT_ALLOW_PRIVATE_URLS === "1";
}

type Range = { prefix: number[]; bits: number; name: string };

// IPv4 ranges that are not the public internet (IANA special-purpose registry), each named for the message.
const IPV4_RANGES: Range[] = [
  { prefix: [0], bits: 8, name: 'an unspecified ("this network") address' },
  { prefix: [10], bits: 8, name: "a private address" },
  { prefix: [100, 64], bits: 10, name: "a shared (CGNAT) address" },
  { prefix: [127], bits: 8, name: "a loopback address" },
  { prefix: [169, 254, 169, 254], bits: 32, name: "the cloud metadata address" },
  { prefix: [169, 254], bits: 16, name: "a link-local address" },
  { prefix: [172, 16], bits: 12, name: "a private address" },
  { prefix: [192, 0, 0], bits: 24, name: "an IETF protocol address" },
  { prefix: [192, 0, 2], bits: 24, name: "a documentation address" },
  { prefix: [192, 88, 99], bits: 24, name: "a 6to4 relay address" },
  { prefix: [192, 168], bits: 16, name: "a private address" },
  { prefix: [198, 18], bits: 15, name: "a benchmarking address" },
  { prefix: [198, 51, 100], bits: 24, name: "a documentation address" },
  { prefix: [203, 0, 113], bits: 24, name: "a documentation address" },
  { prefix: [224], bits: 4, name: "a multicast address" },
  { prefix: [240], bits: 4, name: "a reserved address" },
];

function inRange(bytes: number[], { prefix, bits }: Range): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const byte = Math.floor(bit / 8);
    const mask = 0x80 >> (bit % 8);
    if (((bytes[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

function ipv4Bytes(address: string): number[] {
  return address.split(".").map(Number);
}

/** An IPv6 address as 16 bytes: "::" expanded, a trailing dotted quad (::ffff:1.2.3.4) read as 4 bytes. */
function ipv6Bytes(address: string): number[] {
  let text = address.replace(/%.*$/, "");
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = ipv4Bytes(dotted[1]!);
    text = `${text.slice(0, dotted.index)}${((a! << 8) | b!).toString(16)}:${((c! << 8) | d!).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = tail === undefined ? groups(head) : [...groups(head), ...Array<string>(missing).fill("0"), ...groups(tail)];
  return all.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}

const IPV6_RANGES: Range[] = [
  { prefix: [], bits: 128, name: "the unspecified address" },
  { prefix: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], bits: 128, name: "a loopback address" },
  { prefix: [0x01], bits: 16, name: "a discard-only address" },
  { prefix: [0x20, 0x01, 0x0d, 0xb8], bits: 32, name: "a documentation address" },
  { prefix: [0xfc], bits: 7, name: "a unique-local (private) address" },
  { prefix: [0xfe, 0x80], bits: 10, name: "a link-local address" },
  { prefix: [0xfe, 0xc0], bits: 10, name: "a site-local address" },
  { prefix: [0xff], bits: 8, name: "a multicast address" },
];

/**
 * Why an address may not be fetched from ("a loopback address"), or null when it is public. IPv6 forms that
 * carry an IPv4 address (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::, 6to4 2002::) are
 * judged by that IPv4 address, so that ::ffff:127.0.0.1 is loopback as 127.0.0.1 is.
 */
export function blockedAddressReason(address: string): string | null {
  if (isIPv4(address)) {
    const bytes = ipv4Bytes(address);
    return IPV4_RANGES.find((range) => inRange(bytes, range))?.name ?? null;
  }
  if (!isIPv6(address)) return "not an IP address";
  const bytes = ipv6Bytes(address);
  const range = IPV6_RANGES.find((candidate) => inRange(bytes, candidate));
  if (range) return range.name;
  const embedded = (from: number) => bytes.slice(from, from + 4).join(".");
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0);
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return blockedAddressReason(embedded(12));
  if (zeros(0, 12)) return blockedAddressReason(embedded(12));
  if (inRange(bytes, { prefix: [0, 0x64, 0xff, 0x9b], bits: 96, name: "" })) return blockedAddressReason(embedded(12));
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return blockedAddressReason(embedded(2));
  return null;
}

/** `bad_url`: not an address Margin fetches at all; `refused`: an address the policy keeps it from. */
export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: "bad_url" | "refused"; message: string };

/**
 * A URL the fetcher may ask for: http or https, no credentials, and a literal IP only when public. The
 * WHATWG parser has already turned the IPv4 spellings that reach the same host (2130706433, 0x7f.1,
 * 0177.0.0.1, 127.1) into 127.0.0.1 and bracketed IPv6 into its short form, so one check covers them all.
 * Host names are resolved and judged when connecting (see fetch-page.ts).
 */
export function checkPageUrl(raw: string | URL, allowPrivate = privateAddressesAllowed()): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "bad_url", message: `not a URL: ${String(raw).slice(0, 200)}` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return {
      ok: false,
      reason: "bad_url",
      message: `only http and https addresses can be imported, not ${url.protocol.replace(/:$/, "")}`,
    };
  if (url.username || url.password)
    return { ok: false, reason: "bad_url", message: "addresses with a user name or password (user:pass@…) are refused" };
  // "localhost." is localhost: a trailing dot only says the name is fully qualified.
  const host = url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");
  if (!allowPrivate) {
    if (isIPv4(host) || isIPv6(host)) {
      const reason = blockedAddressReason(host);
      if (reason) return { ok: false, reason: "refused", message: `${url.hostname} is ${reason}; only public addresses can be imported` };
    } else if (host === "localhost" || host.endsWith(".localhost")) {
      return { ok: false, reason: "refused", message: `${url.hostname} is a loopback address; only public addresses can be imported` };
    }
  }
  return { ok: true, url };
}
