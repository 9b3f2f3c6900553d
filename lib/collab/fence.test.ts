import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { FencedError, isFenced, isMoving } from "./fence";

describe("errors of an article's move", () => {
  it("tells a fenced write, as this process or PostgreSQL says it, from other failures", () => {
    expect(isFenced(new FencedError("a1"))).toBe(true);
    expect(isFenced(new Error("Raw query failed. Code: `MG001`. Message: `margin: article a1 is no longer owned under epoch 3`"))).toBe(
      true,
    );
    expect(isFenced(new Error("duplicate key value violates unique constraint"))).toBe(false);
    expect(isFenced("is no longer owned under epoch")).toBe(false);
  });

  it("counts as moving what must be asked again elsewhere: fenced, unavailable, a connection ended by the database", () => {
    expect(isMoving(new FencedError("a1"))).toBe(true);
    expect(isMoving(new AppError("unavailable", "The article is moving between servers"))).toBe(true);
    expect(isMoving(new Error("terminating connection due to administrator command"))).toBe(true);
    expect(isMoving(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isMoving(new Error("Client has encountered a connection error and is not queryable"))).toBe(true);
    expect(isMoving(new Error("Transaction API error: Unable to start a transaction in the given time."))).toBe(true);
    expect(isMoving(new AppError("conflict", "The tag is accepted by Ana"))).toBe(false);
    expect(isMoving(new Error("no text is marked"))).toBe(false);
  });
});
