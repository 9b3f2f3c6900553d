import { describe, expect, it } from "vitest";
import { safeReturnPath, unstorableFields } from "./form-state";

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

describe("unstorableFields", () => {
  const form = (entries: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(entries)) data.append(name, value);
    return data;
  };

  it("names each listed field that holds NUL, and only those", () => {
    expect(unstorableFields(form({ name: "Ana\u0000", email: "a@b.example", password: "pass\u0000word" }), ["name", "email"])).toEqual({
      name: "name holds a NUL character or an unpaired surrogate, which cannot be stored",
    });
    expect(unstorableFields(form({ title: "\u0000", byline: "By\u0000" }), ["title", "byline", "url"])).toEqual({
      title: "title holds a NUL character or an unpaired surrogate, which cannot be stored",
      byline: "byline holds a NUL character or an unpaired surrogate, which cannot be stored",
    });
  });

  it("never sees a lone surrogate: form values are Unicode scalar strings, which replace it", () => {
    expect(form({ title: "half \uD83C" }).get("title")).toBe("half \uFFFD");
    expect(unstorableFields(form({ title: "half \uD83C" }), ["title"])).toBeUndefined();
  });

  it("is undefined when every listed field can be stored", () => {
    expect(unstorableFields(form({ title: "🌊 “Quoted” — it’s…" }), ["title", "byline"])).toBeUndefined();
  });
});
