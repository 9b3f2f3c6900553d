import { describe, expect, it } from "vitest";
import { parseFigure } from "./figure";

describe("parseFigure", () => {
  it.each([
    ["1,219", { value: 1219, unit: null, approximate: false }],
    ["more than 1,200", { value: 1200, unit: null, approximate: true }],
    ["67,160 Palestinians", { value: 67160, unit: "Palestinians", approximate: false }],
    ["more than 200", { value: 200, unit: null, approximate: true }],
    ["48 million euros", { value: 48000000, unit: "EUR", approximate: false }],
    ["about 6 million euros", { value: 6000000, unit: "EUR", approximate: true }],
    ["€3.4bn", { value: 3400000000, unit: "EUR", approximate: false }],
    ["£2.5m", { value: 2500000, unit: "GBP", approximate: false }],
    ["300m", { value: 300, unit: "m", approximate: false }],
    ["12 US dollars", { value: 12, unit: "USD", approximate: false }],
    ["no more than 40 people", { value: 40, unit: "people", approximate: true }],
    ["as many as 3,000 homes", { value: 3000, unit: "homes", approximate: true }],
    ["between 10 and 12 people", { value: null, unit: "people", approximate: true }],
    ["€2 billion to €3 billion", { value: null, unit: "EUR", approximate: true }],
    ["10–12%", { value: null, unit: "percent", approximate: true }],
    ["3.4-kilometre", { value: 3.4, unit: "kilometre", approximate: false }],
    ["11 percent", { value: 11, unit: "percent", approximate: false }],
    ["7%", { value: 7, unit: "percent", approximate: false }],
    ["€1.80", { value: 1.8, unit: "EUR", approximate: false }],
    ["nearly 1.2 billion", { value: 1200000000, unit: null, approximate: true }],
    ["14\u00a0km", { value: 14, unit: "km", approximate: false }],
  ])("reads %s", (span, expected) => {
    expect(parseFigure(span)).toEqual(expected);
  });

  it("gives no value for words without a number", () => {
    expect(parseFigure("thousands of residents")).toEqual({ value: null, unit: null, approximate: false });
    expect(parseFigure("about a dozen")).toEqual({ value: null, unit: null, approximate: true });
  });
});
