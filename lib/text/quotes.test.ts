import { describe, expect, it } from "vitest";
import { isQuoted } from "./quotes";

describe("words shown as a quotation", () => {
  it("are taken as already quoted when they open and close with their own marks", () => {
    expect(isQuoted("“We counted 1,219 ballots,”")).toBe(true);
    expect(isQuoted("«Nous avons compté»")).toBe(true);
    expect(isQuoted("„Wir haben gezählt“")).toBe(true);
    expect(isQuoted('"Straight quotes"')).toBe(true);
  });
  it("get quotation marks otherwise", () => {
    expect(isQuoted("Ana Ruiz")).toBe(false);
    expect(isQuoted("“We counted 1,219 ballots")).toBe(false);
    expect(isQuoted("the clerk’s office")).toBe(false);
  });
});
