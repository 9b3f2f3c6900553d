import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { apiRoute, errorResponse } from "./api-handler";

const bodyOf = async (response: Response) => ({ status: response.status, body: await response.json() });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("API error responses", () => {
  it("say code, message and field, with the status the code implies, never cached", async () => {
    const response = errorResponse(new AppError("bad_request", "page: page must be 1 or more", "page"));
    expect(await bodyOf(response)).toEqual({
      status: 400,
      body: { error: { code: "bad_request", message: "page: page must be 1 or more", field: "page" } },
    });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("www-authenticate")).toBeNull();
  });

  it("ask a 401's client for a bearer token", () => {
    const response = errorResponse(new AppError("unauthorized", "Invalid or revoked API token"));
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="margin"');
  });

  it("carry details inside `error` and the current state beside it", async () => {
    const duplicate = new AppError("conflict", "This project already has an article with the same text", undefined, {
      error: { duplicateOf: "a1" },
    });
    expect(JSON.stringify((await bodyOf(errorResponse(duplicate))).body)).toBe(
      JSON.stringify({ error: { code: "conflict", message: "This project already has an article with the same text", duplicateOf: "a1" } }),
    );
    const decided = new AppError("conflict", "is accepted by Ana", undefined, {
      current: { annotation: { id: "t1", status: "accepted" } },
    });
    expect(JSON.stringify((await bodyOf(errorResponse(decided))).body)).toBe(
      JSON.stringify({ error: { code: "conflict", message: "is accepted by Ana" }, annotation: { id: "t1", status: "accepted" } }),
    );
  });

  it("turn anything else into a logged 500 that leaks nothing", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const handler = apiRoute(async () => {
      throw new Error("secret connection string");
    });
    const response = await handler(new Request("http://margin.test/api/x"), { params: Promise.resolve({}) });
    expect(await bodyOf(response)).toEqual({
      status: 500,
      body: { error: { code: "internal", message: "Internal error; it has been logged" } },
    });
    expect(logged).toHaveBeenCalledOnce();
  });
});
