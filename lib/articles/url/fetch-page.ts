/**
 * Fetches one web page for import, on the server, with limits a hostile or broken site cannot get past: one
 * deadline for the whole fetch (redirects included), a size cap on the decoded body (reading stops there,
 * so a compressed bomb costs no more than the cap), a few redirects each checked again like the first
 * address, and HTML only. Addresses are judged where the socket is opened: the request's `lookup`
 * resolves the host, refuses it when any of its addresses is private (address-policy.ts) and hands the
 * connection the addresses it checked, so a DNS answer that changes between check and connect (rebinding)
 * changes nothing. TLS still verifies the certificate for the host name (SNI and Host are the name's).
 */
import { lookup as dnsLookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream";
import zlib from "node:zlib";
import { blockedAddressReason, checkPageUrl, privateAddressesAllowed } from "./address-policy";
import { decodePage } from "./decode-page";

export type FetchLimits = {
  /** Largest page body, decoded, in bytes. */
  maxBytes: number;
  /** The whole fetch, every redirect included. */
  timeoutMs: number;
  maxRedirects: number;
  /** Private, loopback and link-local addresses may be fetched from (the operator's setting). */
  allowPrivate: boolean;
};

export const DEFAULT_FETCH_LIMITS: Omit<FetchLimits, "allowPrivate"> = { maxBytes: 5 * 1024 * 1024, timeoutMs: 15_000, maxRedirects: 5 };

export type FetchedPage = { requestedUrl: string; finalUrl: string; contentType: string; html: string };

/**
 * Why a page could not be fetched. `bad_url` and `refused` are the address's fault (the user's input),
 * `not_html`, `too_large` and `too_many_redirects` the page's, `unreachable`, `http_status` and `timeout`
 * the remote server's; entry points map them to statuses.
 */
export type FetchFailureReason =
  "bad_url" | "refused" | "not_html" | "too_large" | "too_many_redirects" | "unreachable" | "http_status" | "timeout";
export type FetchFailure = { ok: false; reason: FetchFailureReason; message: string };
export type FetchResult = { ok: true; page: FetchedPage } | FetchFailure;

const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

class RefusedAddress extends Error {}

/** dns.lookup, with every answer judged before the socket may use it. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      const blocked = allowPrivate ? undefined : addresses.find(({ address }) => blockedAddressReason(address));
      if (blocked) {
        const reason = blockedAddressReason(blocked.address)!;
        return callback(
          new RefusedAddress(`${hostname} resolves to ${blocked.address}, ${reason}; only public addresses can be imported`),
          "",
        );
      }
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "");
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

const fail = (reason: FetchFailureReason, message: string): FetchFailure => ({ ok: false, reason, message });

function describeNetworkError(error: NodeJS.ErrnoException, url: URL): FetchFailure {
  if (error instanceof RefusedAddress) return fail("refused", error.message);
  if (error.name === "AbortError") return fail("timeout", "");
  const what: Record<string, string> = {
    ENOTFOUND: `no such host: ${url.hostname}`,
    EAI_AGAIN: `the host name ${url.hostname} could not be resolved just now`,
    ECONNREFUSED: `${url.host} refused the connection`,
    ECONNRESET: `${url.host} closed the connection`,
    EHOSTUNREACH: `${url.host} cannot be reached`,
    ENETUNREACH: `${url.host} cannot be reached`,
  };
  return fail("unreachable", what[error.code ?? ""] ?? `${url.host}: ${error.message}`);
}

function decompressed(response: http.IncomingMessage): Readable | FetchFailure {
  const encoding = (response.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? zlib.createGunzip()
      : encoding === "deflate"
        ? zlib.createInflate()
        : encoding === "br"
          ? zlib.createBrotliDecompress()
          : undefined;
  if (encoding === "identity" || encoding === "") return response;
  if (!decoder) return fail("unreachable", `the page is sent with an encoding Margin cannot read (${encoding})`);
  // pipeline: an error or abort on either side destroys the other, so reading below sees it.
  return pipeline(response, decoder, () => {});
}

function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

async function readBody(response: http.IncomingMessage, maxBytes: number): Promise<Buffer | FetchFailure> {
  const tooLarge = () => fail("too_large", `the page is larger than ${describeBytes(maxBytes)}`);
  if (Number(response.headers["content-length"]) > maxBytes && !response.headers["content-encoding"]) {
    response.destroy();
    return tooLarge();
  }
  const body = decompressed(response);
  if ("ok" in body) return body;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      response.destroy();
      return tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

type Hop = { redirect: string } | { page: FetchedPage } | FetchFailure;

/** One request: a redirect's target, the page, or why neither. */
function requestOnce(url: URL, requestedUrl: string, limits: FetchLimits, signal: AbortSignal): Promise<Hop> {
  return new Promise((resolve) => {
    const client = url.protocol === "https:" ? https : http;
    const request = client.get(url, {
      agent: false,
      lookup: guardedLookup(limits.allowPrivate),
      signal,
      headers: { accept: "text/html,application/xhtml+xml", "accept-encoding": "gzip, deflate, br", "user-agent": "Margin article import" },
    });
    request.on("error", (error) => resolve(describeNetworkError(error, url)));
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        response.resume();
        const target = URL.parse(response.headers.location ?? "", url);
        return resolve(
          target ? { redirect: target.toString() } : fail("http_status", `${url.host} answered ${status} without a usable Location`),
        );
      }
      if (status < 200 || status > 299) {
        response.resume();
        return resolve(fail("http_status", `${url.host} answered ${status} ${response.statusMessage ?? ""}`.trim()));
      }
      const contentType = response.headers["content-type"] ?? "";
      const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
      if (!HTML_TYPES.has(mediaType)) {
        response.destroy();
        return resolve(fail("not_html", `the address answers ${mediaType || "content without a type"}, not an HTML page`));
      }
      readBody(response, limits.maxBytes).then(
        (body) =>
          resolve(
            Buffer.isBuffer(body)
              ? { page: { requestedUrl, finalUrl: url.toString(), contentType, html: decodePage(body, contentType) } }
              : body,
          ),
        (error: NodeJS.ErrnoException) => resolve(describeNetworkError(error, url)),
      );
    });
  });
}

/** Fetches the page at `raw`, following redirects; every failure is a value naming what went wrong. */
export async function fetchPage(raw: string, options: Partial<FetchLimits> = {}): Promise<FetchResult> {
  const limits: FetchLimits = { ...DEFAULT_FETCH_LIMITS, allowPrivate: privateAddressesAllowed(), ...options };
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let address = raw;
  for (let hop = 0; hop <= limits.maxRedirects; hop++) {
    const checked = checkPageUrl(address, limits.allowPrivate);
    if (!checked.ok)
      return fail(hop === 0 ? checked.reason : "refused", hop === 0 ? checked.message : `redirected to ${address}: ${checked.message}`);
    const result = await requestOnce(checked.url, raw, limits, signal);
    if ("page" in result) return { ok: true, page: result.page };
    if ("redirect" in result) {
      address = result.redirect;
      continue;
    }
    if (result.reason === "timeout" || signal.aborted)
      return fail("timeout", `the page did not arrive within ${limits.timeoutMs / 1000} seconds`);
    return result;
  }
  return fail("too_many_redirects", `more than ${limits.maxRedirects} redirects`);
}
