import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./form-state";

describe("safeReturnPath", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeReturnPath("/projects/demo/articles/a1?tag=t1#details")).toBe("/projects/demo/articles/a1?tag=t1#details");
  });

  it.each([
    ["another host, protocol-relative", "//evil.example/phish"],
    ["a backslash browsers read as a slash", "/\\evil.example/phish"],
    ["a tab browsers drop (callbackUrl=%2F%09%2Fevil.example)", "/\t/evil.example/phish"],
    ["a newline browsers drop", "/\n/evil.example/phish"],
    ["a carriage return", "/\r/evil.example"],
    ["an absolute URL", "https://evil.example/phish"],
    ["a scheme", "javascript:alert(1)"],
    ["a relative path", "projects"],
    ["not a string", 42],
  ])("refuses %s", (_what, value) => {
    expect(safeReturnPath(value)).toBe("/projects");
  });
});
