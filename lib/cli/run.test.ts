import { describe, expect, it } from "vitest";
import { resolve } from "./run";

describe("resolve", () => {
  it("refuses an option or argument PostgreSQL cannot store as bad usage (exit 2), naming it", () => {
    const add = ["user", "add", "--email", "a@b.example", "--password", "long enough pw"];
    expect(resolve([...add, "--name", "Ana\u0000"])).toMatchObject({
      exitCode: 2,
      stderr: expect.arrayContaining(["user add: --name holds a NUL character or an unpaired surrogate, which cannot be stored"]),
    });
    expect(resolve(["import", "--project", "desk", "a.txt", "b\uD83C.txt"])).toMatchObject({
      exitCode: 2,
      stderr: expect.arrayContaining(["import: argument 2 holds a NUL character or an unpaired surrogate, which cannot be stored"]),
    });
    expect(resolve([...add, "--name", "Ana Ruiz 🌊 — “the clerk”"])).toMatchObject({ values: { name: "Ana Ruiz 🌊 — “the clerk”" } });
  });
});
