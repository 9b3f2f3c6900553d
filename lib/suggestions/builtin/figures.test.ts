import { describe, expect, it } from "vitest";
import { expectExactSpans, texts } from "./expect-spans";
import { parseFigure } from "@/lib/tags/figure";
import { findFigures } from "./figures";

const only = (text: string) => {
  const found = findFigures(text);
  expectExactSpans(text, found);
  expect(found, text).toHaveLength(1);
  return found[0]!;
};

describe("figures", () => {
  it.each([
    ["Officials counted 1,219 ballots overnight.", "1,219 ballots", 1219, "ballots", false],
    ["The project will cost 52 million euros.", "52 million euros", 52_000_000, "EUR", false],
    ["Brussels pledged €3.4bn to the scheme.", "€3.4bn", 3_400_000_000, "EUR", false],
    ["The fund holds $1.2 billion.", "$1.2 billion", 1_200_000_000, "USD", false],
    ["The estate sold for 3 million pounds.", "3 million pounds", 3_000_000, "GBP", false],
    ["Turnout reached 37% in the north.", "37%", 37, "percent", false],
    ["Prices rose 3.5 per cent last month.", "3.5 per cent", 3.5, "percent", false],
    ["The plan won two-thirds of the vote.", "two-thirds", 0.6667, null, false],
    ["Police moved more than 200 residents.", "more than 200 residents", 200, "residents", true],
    ["The march drew nearly 40,000.", "nearly 40,000", 40_000, null, true],
    ["The queue stretched about 3 km.", "about 3 km", 3, "km", true],
    ["It took between 10 and 12 people to lift it.", "between 10 and 12 people", null, "people", true],
    ["Repairs will cost between £4 million and £6 million.", "between £4 million and £6 million", null, "GBP", true],
    ["The firm paid US$5m in fines.", "US$5m", 5_000_000, "USD", false],
    ["Rents climbed 4 percentage points.", "4 percentage points", 4, "percentage points", false],
    ["Rents climbed 0.5 percentage point.", "0.5 percentage point", 0.5, "percentage point", false],
    ["Some 300 new jobs will go.", "Some 300 new jobs", 300, "new jobs", true],
    ["The depot keeps 60 spare signal lamps.", "60 spare signal lamps", 60, "spare signal lamps", false],
    ["The ferry crossing takes 40 minutes.", "40 minutes", 40, "minutes", false],
    ["The strike lasted three weeks.", "three weeks", 3, "weeks", false],
    ["She was fined no more than €500.", "no more than €500", 500, "EUR", true],
    ["Inspectors returned 14 times that winter.", "14 times", 14, "times", false],
    ["About 300 of the drivers voted to walk out.", "About 300", 300, null, true],
  ])("%s → %s", (text, span, value, unit, approximate) => {
    const figure = only(text);
    expect(figure.text).toBe(span);
    expect(figure.attributes).toEqual({ value, unit, approximate });
  });

  it.each([
    ["a year", "The law passed in 2024 after a long debate."],
    ["a date", "The vote is on Oct. 14 in the capital."],
    ["a day-first date", "The vote is on 14 October in the capital."],
    ["a time", "The train left at 12:23 p.m. from the station."],
    ["a time without minutes", "Doors open at 9 a.m. sharp."],
    ["an ordinal", "She won the third round and the 3rd set."],
    ["a phone number", "Call the hotline on 555-0134 for help."],
    ["a page", "The rule is on page 12 of the report."],
    ["a numbered article", "Under Article 5 the allies must respond."],
    ["a model", "A Boeing 737 landed safely."],
    ["one of", "It was one of the worst storms on record."],
    ["a code word", "COVID-19 cases fell while the G7 met."],
    ["a score", "The council voted 7-2 against the plan."],
    ["a bare number word", "The two met in private."],
    ["an age between commas", "Ruth Abernathy, 71, chairs the tenants' group."],
    ["an age after aged", "A man aged 34 was arrested."],
    ["a score with an en dash", "The visitors won 4–2 after extra time."],
    ["a vague dozen", "A dozen volunteers repainted the hall."],
    ["vague hundreds", "Hundreds of commuters were stranded."],
    ["half without a number", "Half the budget went on salaries."],
    ["metres or millions", "The tower is 300m tall."],
  ])("not %s", (_, text) => {
    expect(texts(findFigures(text))).toEqual([]);
  });

  it("skips list numbering but keeps the figure on the same line", () => {
    const text = "1. Councils will hire 40 inspectors.\n2. Fines double.";
    expect(texts(findFigures(text))).toEqual(["40 inspectors"]);
  });

  it("keeps offsets exact after curly quotes, em dashes and emoji", () => {
    const text = "“It’s 👩‍💻 work” — 🇫🇷 officials paid €2.5 million — to 1,400 farmers 🚜.";
    const found = findFigures(text);
    expectExactSpans(text, found);
    expect(texts(found)).toEqual(["€2.5 million", "1,400 farmers"]);
  });

  // Accepting a suggestion must give what typing its words into the details form gives.
  it("fills value, unit and approximate as the details form reads the same words", () => {
    const text =
      "The port handled 1,250 containers, about 4.5 km of quay, €3.4 billion in trade and $12 million in fees; " +
      "exports rose 7.5% and imports more than 2 per cent, while some 80 new cranes cost £2.5 million.";
    const found = findFigures(text);
    expect(found.length).toBe(8);
    for (const figure of found) expect(figure.attributes, figure.text).toEqual(parseFigure(figure.text));
  });

  it("agrees with the details form on scales joined to the number, currency words, strong hedges and ranges", () => {
    const text =
      "The fund lost €3.4bn and 52 million euros; no more than 40 people and as many as 3,000 homes were hit, " +
      "and between 10 and 12 ferries stopped.";
    const found = findFigures(text);
    expect(texts(found)).toEqual([
      "€3.4bn",
      "52 million euros",
      "no more than 40 people",
      "as many as 3,000 homes",
      "between 10 and 12 ferries",
    ]);
    for (const figure of found) expect(figure.attributes, figure.text).toEqual(parseFigure(figure.text));
  });

  it("is deterministic", () => {
    const text = "About 30 boats and 4,000 tonnes of fish, worth £9m.";
    expect(findFigures(text)).toEqual(findFigures(`${text}`));
    expect(texts(findFigures(text))).toEqual(["About 30 boats", "4,000 tonnes", "£9m"]);
  });
});
