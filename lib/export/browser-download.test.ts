import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadExport, type Progress } from "./browser-download";

// 3,000 articles of ~7 KB: 21 MB, sent in 64 KB writes, so the download spills to blobs twice and more.
const ARTICLES = 3000;
const line = (index: number) => `${JSON.stringify({ id: `a${index}`, text: `“Quote ${index}” — 🌊 `.repeat(300) })}\n`;
const BODY = Buffer.from(Array.from({ length: ARTICLES }, (_, index) => line(index)).join(""));

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.url === "/refused") {
      response.writeHead(400, { "content-type": "application/json" });
      return response.end(JSON.stringify({ error: { code: "bad_request", message: "unknown format: xml (valid: json, jsonl)" } }));
    }
    response.writeHead(200, {
      "content-type": "application/jsonl; charset=utf-8",
      "content-disposition": `attachment; filename="x.jsonl"; filename*=UTF-8''courier%E2%80%94dataset.jsonl`,
      "x-margin-format": "jsonl",
      "x-margin-article-count": String(ARTICLES),
      "x-margin-tag-count": "0",
    });
    const broken = request.url === "/broken";
    let at = 0;
    const send = () => {
      if (broken && at > BODY.length / 2) return response.destroy();
      if (at >= BODY.length) return response.end();
      const chunk = BODY.subarray(at, (at += 64 * 1024));
      if (response.write(chunk)) setImmediate(send);
      else response.once("drain", send);
    };
    send();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("downloading an export in the browser", () => {
  it("saves exactly the bytes served, under the server's file name, counting articles as they arrive", async () => {
    const saved: { blob: Blob; name: string }[] = [];
    const progress: Progress[] = [];
    const result = await downloadExport(`${base}/export`, {
      fallbackName: "export.jsonl",
      onProgress: (step) => progress.push(step),
      save: (blob, name) => saved.push({ blob, name }),
    });
    expect(result).toEqual({ ok: true, fileName: "courier—dataset.jsonl", bytes: BODY.length });
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe("courier—dataset.jsonl");
    expect(saved[0]!.blob.type).toBe("application/jsonl; charset=utf-8");
    expect(sha256(new Uint8Array(await saved[0]!.blob.arrayBuffer()))).toBe(sha256(BODY));
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toEqual({ bytes: BODY.length, articles: ARTICLES, totalArticles: ARTICLES, totalTags: 0 });
    // Progress only grows.
    expect(progress.every((step, index) => index === 0 || step.bytes >= progress[index - 1]!.bytes)).toBe(true);
  });

  it("reports the server's message for a refused export, and saves nothing from one that broke off", async () => {
    const saved: Blob[] = [];
    const save = (blob: Blob) => saved.push(blob);
    expect(await downloadExport(`${base}/refused`, { fallbackName: "export.json", save })).toEqual({
      ok: false,
      message: "unknown format: xml (valid: json, jsonl)",
    });
    expect(await downloadExport(`${base}/broken`, { fallbackName: "export.jsonl", save })).toEqual({
      ok: false,
      message: "The export broke off before its end; nothing was saved",
    });
    expect(saved).toEqual([]);
  });

  it("stops when cancelled", async () => {
    const controller = new AbortController();
    const saved: Blob[] = [];
    const result = await downloadExport(`${base}/export`, {
      fallbackName: "export.jsonl",
      signal: controller.signal,
      onProgress: (step) => step.bytes > 1_000_000 && controller.abort(),
      save: (blob) => saved.push(blob),
    });
    expect(result).toEqual({ ok: false, message: "Cancelled" });
    expect(saved).toEqual([]);
  });
});
