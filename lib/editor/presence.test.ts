import { describe, expect, it } from "vitest";
import { assignColors } from "./presence";

describe("presence colours", () => {
  it("gives everyone present a different colour, the same on every client", () => {
    const ids = ["cmw0owner", "cmw0editor", "cmw0reviewer", "cmw1x", "cmw2y"];
    const colors = assignColors(ids);
    expect(new Set(colors.values()).size).toBe(ids.length);
    expect(assignColors([...ids].reverse())).toEqual(colors);
  });

  it("keeps a person's colour while alone, and that of the first by id when others join", () => {
    const alone = assignColors(["a-user"]).get("a-user");
    expect(assignColors(["a-user", "z-user"]).get("a-user")).toBe(alone);
  });

  it("repeats colours only beyond eight people", () => {
    const ids = Array.from({ length: 9 }, (_, index) => `user-${index}`);
    expect(new Set(assignColors(ids).values()).size).toBe(8);
  });
});
