import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, UNREACHABLE } from "./call";

let server: http.Server;
let base: string;
/** What the server received last: method, content type and body. */
let received: { method?: string; type?: string; body: string };

beforeAll(async () => {
  server = http.createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    received = { method: request.method, type: request.headers["content-type"], body };
    const send = (status: number, value?: unknown, type = "application/json") => {
      response.writeHead(status, value === undefined ? {} : { "content-type": type });
      response.end(value === undefined ? undefined : typeof value === "string" ? value : JSON.stringify(value));
    };
    if (request.url === "/ok") return send(200, { tag: { id: "t1" } });
    if (request.url === "/deleted") return send(204);
    if (request.url === "/duplicate")
      return send(409, {
        error: { code: "conflict", message: "This project already has an article with the same text", duplicateOf: "a1" },
      });
    if (request.url === "/proxy-error") return send(502, "<html>Bad gateway</html>", "text/html");
    send(404, { error: { code: "not_found", message: "No annotation" } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("call", () => {
  it("resolves to the body, sending a body as JSON with POST unless told otherwise", async () => {
    expect(await call(`${base}/ok`)).toEqual({ ok: true, data: { tag: { id: "t1" } } });
    expect(received).toMatchObject({ method: "GET", body: "" });
    await call(`${base}/ok`, { body: { label: "quote" } });
    expect(received).toEqual({ method: "POST", type: "application/json", body: '{"label":"quote"}' });
    await call(`${base}/ok`, { method: "PATCH", body: { note: null } });
    expect(received).toEqual({ method: "PATCH", type: "application/json", body: '{"note":null}' });
  });

  it("sends a form as multipart and a file as it is, in the content type given", async () => {
    const form = new FormData();
    form.append("file", new File(["Winds reached 140 km/h."], "storm.txt"));
    await call(`${base}/ok`, { body: form });
    expect(received.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(received.body).toContain("Winds reached 140 km/h.");
    await call(`${base}/ok`, { body: new File(['{"articles":[]}'], "dataset.json"), contentType: "application/json" });
    expect(received).toEqual({ method: "POST", type: "application/json", body: '{"articles":[]}' });
  });

  it("gives the API's own error message, its status and body", async () => {
    const refused = await call(`${base}/duplicate`, { body: {} });
    expect(refused).toMatchObject({ ok: false, status: 409, error: "This project already has an article with the same text" });
    expect(!refused.ok && refused.body).toMatchObject({ error: { duplicateOf: "a1" } });
  });

  it("answers 204 with null, and an error without the API's JSON with its status", async () => {
    expect(await call(`${base}/deleted`, { method: "DELETE" })).toEqual({ ok: true, data: null });
    expect(await call(`${base}/proxy-error`)).toMatchObject({ ok: false, status: 502, error: "The server answered 502" });
  });

  it("says when the server could not be reached, in the caller's words if given", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/ok`;
    await new Promise((resolve) => closed.close(resolve));
    expect(await call(url)).toMatchObject({ ok: false, status: UNREACHABLE, error: expect.stringMatching(/could not be reached/) });
    expect(await call(url, { unreachable: "The file did not reach the server (network error)" })).toMatchObject({
      status: UNREACHABLE,
      error: "The file did not reach the server (network error)",
    });
  });
});
