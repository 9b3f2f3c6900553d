import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as check from "@/app/api/projects/[slug]/suggestions/backend/check/route";
import * as projectRoute from "@/app/api/projects/[slug]/route";
import { prisma } from "@/lib/db/prisma";
import { call, person, type Person } from "@/lib/export/test-support";
import { createProjectWith } from "@/lib/testing/factories";
import { startMlBackend, type MlBackend } from "@/lib/testing/ml-backend";

let backend: MlBackend;
let owner: Person;
let editor: Person;
let slug: string;
const setting = process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS;

const patch = (body: unknown, who = owner) => call(projectRoute.PATCH, { slug }, { token: who.token, body, method: "PATCH" });
const checkBackend = (body: unknown = {}, who = owner) => call(check.POST, { slug }, { token: who.token, body });
const stored = () =>
  prisma.project.findUniqueOrThrow({ where: { slug }, select: { suggestionBackendUrl: true, suggestionBackendToken: true } });
const errorOf = async (response: Response) => ((await response.json()) as { error: { message: string; field?: string } }).error;

beforeAll(async () => {
  backend = await startMlBackend();
  owner = await person("Owner");
  editor = await person("Editor");
  ({ slug } = await createProjectWith({ owner: [owner], editor: [editor] }));
});

afterAll(async () => {
  await backend.close();
  if (setting === undefined) delete process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS;
  else process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS = setting;
});

describe("saving a suggestion backend", () => {
  it("refuses a private address unless the operator allows them, with the rule's message, storing nothing", async () => {
    delete process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS;
    const response = await patch({ suggestionBackendUrl: backend.url, suggestionBackendToken: "secret", suggestOnImport: true });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.field).toBe("suggestionBackendUrl");
    expect(error.message).toMatch(/suggestion backend address is refused/);
    expect(await stored()).toEqual({ suggestionBackendUrl: null, suggestionBackendToken: null });
  });

  it("stores the address and the token, and never answers the token", async () => {
    process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS = "1";
    const response = await patch({ suggestionBackendUrl: backend.url, suggestionBackendToken: "secret" });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain("secret");
    expect(JSON.parse(text).settings.suggestionBackendUrl).toBe(backend.url);
    expect(await stored()).toEqual({ suggestionBackendUrl: backend.url, suggestionBackendToken: "secret" });
  });
});

describe("POST /api/projects/{slug}/suggestions/backend/check", () => {
  it("checks the saved backend with its saved token and answers its model", async () => {
    process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS = "1";
    const before = backend.requests.length;
    const response = await checkBackend();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, model: "test-model-1" });
    const asked = backend.requests.slice(before);
    expect(asked.map((request) => `${request.method} ${request.path}`)).toEqual(["GET /health", "POST /setup"]);
    expect(asked.every((request) => request.headers.authorization === "Bearer secret")).toBe(true);
  });

  it("checks an address not yet saved without sending it the saved token", async () => {
    const before = backend.requests.length;
    const response = await checkBackend({ url: `${backend.url}/predict` });
    expect(response.status).toBe(200);
    const asked = backend.requests.slice(before);
    expect(asked.length).toBe(2);
    expect(asked.every((request) => request.headers.authorization === undefined)).toBe(true);
    const withToken = await checkBackend({ url: `${backend.url}/predict`, token: "other" });
    expect(withToken.status).toBe(200);
    expect(backend.requests.at(-1)!.headers.authorization).toBe("Bearer other");
  });

  it("answers the backend's failure: 502 for one that is not there or not the protocol", async () => {
    const missing = await checkBackend({ url: `${backend.url}/elsewhere` });
    expect(missing.status).toBe(502);
    expect((await errorOf(missing)).message).toMatch(/suggestion backend/);
    const closed = await startMlBackend();
    await closed.close();
    const unreachable = await checkBackend({ url: closed.url });
    expect(unreachable.status).toBe(502);
    expect((await errorOf(unreachable)).message.length).toBeGreaterThan(10);
  });

  it("refuses a private address when the operator does not allow them (400), and bad input", async () => {
    delete process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS;
    const refused = await checkBackend();
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).message).toMatch(/refused/);
    process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS = "1";
    expect((await checkBackend({ url: "ftp://example.org" })).status).toBe(400);
    expect((await checkBackend({ url: backend.url, extra: 1 })).status).toBe(400);
  });

  it("says there is nothing to check when no backend is saved", async () => {
    expect((await patch({ suggestionBackendUrl: null, suggestionBackendToken: null })).status).toBe(200);
    const response = await checkBackend();
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/no suggestion backend/);
  });

  it("is for owners only", async () => {
    expect((await checkBackend({ url: backend.url }, editor)).status).toBe(403);
  });
});
