import fs from "node:fs";
import { describe, expect, it } from "vitest";

describe("package-lock.json", () => {
  it("lists every optional platform package, or `npm ci` refuses it (run scripts/complete-lockfile.mjs)", () => {
    const { packages } = JSON.parse(fs.readFileSync("package-lock.json", "utf8")) as {
      packages: Record<string, { optionalDependencies?: Record<string, string> }>;
    };
    const missing = Object.entries(packages).flatMap(([location, entry]) =>
      Object.keys(entry.optionalDependencies ?? {}).filter(
        (name) => !packages[`${location ? `${location}/` : ""}node_modules/${name}`] && !packages[`node_modules/${name}`],
      ),
    );
    expect(missing).toEqual([]);
  });
});
