import dns from "node:dns/promises";
import os from "node:os";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { htmlPage, redirectTo, startPageServer, type PageServer } from "@/lib/testing/page-server";
import { blockedAddressReason } from "./address-policy";
import { fetchPage, guardedLookup } from "./fetch-page";

let pages: PageServer;
const allowed = { allowPrivate: true };

beforeAll(async () => {
  pages = await startPageServer();
});
afterAll(() => pages.close());

describe("fetchPage with private addresses refused (the default)", () => {
  it("refuses loopback and private literals and localhost before connecting", async () => {
    pages.route("/secret", htmlPage("<p>internal</p>"));
    const port = new URL(pages.origin).port;
    for (const url of [
      pages.url("/secret"),
      `http://localhost:${port}/secret`,
      `http://2130706433:${port}/secret`,
      `http://[::ffff:127.0.0.1]:${port}/`,
    ])
      expect(await fetchPage(url, { allowPrivate: false }), url).toMatchObject({ ok: false, reason: "refused" });
  });

  it("refuses a host name whose DNS answer is private, where the socket would connect", async () => {
    const error = await new Promise<Error | null>((resolve) => guardedLookup(false)("localhost", {}, (failure) => resolve(failure)));
    expect(error?.message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), a loopback address; only public addresses can be imported$/);
    const answer = await new Promise<unknown>((resolve) =>
      guardedLookup(true)("localhost", { all: true }, (_error, addresses) => resolve(addresses)),
    );
    expect(answer).toEqual(expect.arrayContaining([expect.objectContaining({ address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) })]));
  });
});

describe("fetchPage's own connection", () => {
  it("is refused when the host name resolves to a private address (the machine's own name, here)", async () => {
    // A name the address policy cannot tell from a public one: only its DNS answer says it is private.
    const name = os.hostname();
    const answer = await dns.lookup(name, { all: true }).catch(() => null);
    const port = new URL(pages.origin).port;
    const result = await fetchPage(`http://${name}:${port}/secret`, { allowPrivate: false });
    if (answer?.some(({ address }) => blockedAddressReason(address)))
      expect(result).toMatchObject({ ok: false, reason: "refused", message: expect.stringContaining(`${name} resolves to `) });
    // Where the machine's name does not resolve at all, the fetch must still not get through.
    else expect(result).toMatchObject({ ok: false });
  });
});

describe("fetchPage from a local server (private addresses allowed by the operator)", () => {
  it("fetches a page through redirects and answers the final address", async () => {
    pages.route("/story", htmlPage("<html><body><p>“Tide” — 🌊</p></body></html>"));
    pages.route("/short", redirectTo("/story", 301));
    const result = await fetchPage(pages.url("/short"), allowed);
    expect(result).toEqual({
      ok: true,
      page: {
        requestedUrl: pages.url("/short"),
        finalUrl: pages.url("/story"),
        contentType: "text/html; charset=utf-8",
        html: "<html><body><p>“Tide” — 🌊</p></body></html>",
      },
    });
  });

  it("connects to a host name through the guarded lookup", async () => {
    pages.route("/named", htmlPage("<p>by name</p>"));
    const url = `http://localhost:${new URL(pages.origin).port}/named`;
    expect(await fetchPage(url, allowed)).toMatchObject({ ok: true, page: { finalUrl: url, html: "<p>by name</p>" } });
  });

  it("re-checks every redirect's address: credentials and other schemes are refused on the way", async () => {
    pages.route("/to-file", redirectTo("file:///etc/passwd"));
    pages.route("/to-credentials", redirectTo(`http://admin:pw@127.0.0.1:${new URL(pages.origin).port}/story`));
    expect(await fetchPage(pages.url("/to-file"), allowed)).toEqual({
      ok: false,
      reason: "refused",
      message: "redirected to file:///etc/passwd: only http and https addresses can be imported, not file",
    });
    expect(await fetchPage(pages.url("/to-credentials"), allowed)).toMatchObject({
      ok: false,
      reason: "refused",
      message: expect.stringContaining("user name or password"),
    });
  });

  it("stops after the redirect limit", async () => {
    pages.route("/loop", redirectTo("/loop"));
    expect(await fetchPage(pages.url("/loop"), { ...allowed, maxRedirects: 3 })).toEqual({
      ok: false,
      reason: "too_many_redirects",
      message: "more than 3 redirects",
    });
  });

  it("stops reading past the size limit, declared or not, compressed or not", async () => {
    const big = `<p>${"word ".repeat(4000)}</p>`;
    pages.route("/declared", htmlPage(big));
    pages.route("/chunked", (_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      // Endless: only the limit ends it.
      const timer = setInterval(() => response.write(big), 1);
      response.on("close", () => clearInterval(timer));
    });
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
    pages.route("/bomb", (_request, response) => {
      response.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip", "content-length": bomb.length });
      response.end(bomb);
    });
    for (const path of ["/declared", "/chunked", "/bomb"])
      expect(await fetchPage(pages.url(path), { ...allowed, maxBytes: 16 * 1024 }), path).toEqual({
        ok: false,
        reason: "too_large",
        message: "the page is larger than 16 KB",
      });
  });

  it("gives up at the deadline, however slowly the page drips", async () => {
    pages.route("/stall", () => {});
    pages.route("/drip", (_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      const timer = setInterval(() => response.write("<p>a</p>"), 20);
      response.on("close", () => clearInterval(timer));
    });
    for (const path of ["/stall", "/drip"]) {
      const started = Date.now();
      expect(await fetchPage(pages.url(path), { ...allowed, timeoutMs: 300 }), path).toEqual({
        ok: false,
        reason: "timeout",
        message: "the page did not arrive within 0.3 seconds",
      });
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });

  it("refuses what is not HTML, naming its type", async () => {
    pages.route("/report.pdf", htmlPage("%PDF-1.7", "application/pdf"));
    expect(await fetchPage(pages.url("/report.pdf"), allowed)).toEqual({
      ok: false,
      reason: "not_html",
      message: "the address answers application/pdf, not an HTML page",
    });
    pages.route("/xhtml", htmlPage("<html xmlns='http://www.w3.org/1999/xhtml'><body><p>ok</p></body></html>", "application/xhtml+xml"));
    expect(await fetchPage(pages.url("/xhtml"), allowed)).toMatchObject({ ok: true });
  });

  it("decodes a latin1 page by its header", async () => {
    pages.route(
      "/latin1",
      htmlPage(Buffer.from([0x3c, 0x70, 0x3e, 0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x97]), "text/html; charset=iso-8859-1"),
    );
    expect(await fetchPage(pages.url("/latin1"), allowed)).toMatchObject({ ok: true, page: { html: "<p>“Café” —" } });
  });

  it("names an error status and a closed port", async () => {
    expect(await fetchPage(pages.url("/missing"), allowed)).toEqual({
      ok: false,
      reason: "http_status",
      message: `${new URL(pages.origin).host} answered 404 Not Found`,
    });
    const closed = await startPageServer();
    await closed.close();
    expect(await fetchPage(closed.url("/"), allowed)).toEqual({
      ok: false,
      reason: "unreachable",
      message: `${new URL(closed.origin).host} refused the connection`,
    });
  });
});
