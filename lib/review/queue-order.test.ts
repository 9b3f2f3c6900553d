import { describe, expect, it } from "vitest";
import { nextAfterDecision } from "./queue-order";

describe("nextAfterDecision", () => {
  it("moves to the next pending tag in reading order, whether or not the live update removed the decided one yet", () => {
    expect(nextAfterDecision(["a", "b", "c"], "a", ["a", "b", "c"])).toBe("b");
    expect(nextAfterDecision(["a", "b", "c"], "a", ["b", "c"])).toBe("b");
  });

  it("skips tags a colleague decided meanwhile, and goes back when the decided tag was the last", () => {
    expect(nextAfterDecision(["a", "b", "c", "d"], "b", ["a", "d"])).toBe("d");
    expect(nextAfterDecision(["a", "b", "c"], "c", ["a", "b"])).toBe("b");
  });

  it("falls back to the first pending tag, and to nothing when the queue is empty", () => {
    expect(nextAfterDecision(["x"], "y", ["p", "q"])).toBe("p");
    expect(nextAfterDecision(["a"], "a", [])).toBeUndefined();
    expect(nextAfterDecision(["a"], "a", ["a"])).toBeUndefined();
  });
});
