import { describe, expect, it } from "vitest";
import { pickerOptions, recordLabels, resolvePick, type PickerRecord } from "./actor-picker";

const records: PickerRecord[] = [
  { id: "osei", name: "Imani Osei", kind: "person", aliases: ["Councillor Osei", "I. Osei"] },
  { id: "ruiz-mayor", name: "Ana Ruiz", kind: "person", aliases: ["Mayor Ruiz", "the mayor"] },
  { id: "ruiz-fund", name: "Ana Ruiz", kind: "organization", aliases: ["the mayor"] },
  { id: "acme-1", name: "Acme", kind: null, aliases: [] },
  { id: "acme-2", name: "ACME", kind: null, aliases: ["Imani Osei"] },
  { id: "cafe", name: "Café “Zürich” — 🌊", kind: "group", aliases: ["Café Zürich"] },
];

describe("the actor record picker", () => {
  it("labels each record by its name, adding its kind and then its id only where another record shares them", () => {
    expect(recordLabels(records)).toEqual(
      new Map([
        ["osei", "Imani Osei"],
        ["ruiz-mayor", "Ana Ruiz — person"],
        ["ruiz-fund", "Ana Ruiz — organization"],
        ["acme-1", "Acme — kind unknown · acme-1"],
        ["acme-2", "ACME — kind unknown · acme-2"],
        ["cafe", "Café “Zürich” — 🌊"],
      ]),
    );
  });

  it("offers every record by its label, and the aliases that mean one record and are no record's name", () => {
    expect(pickerOptions(records).map(({ value, recordId }) => [value, recordId])).toEqual([
      ["Imani Osei", "osei"],
      ["Ana Ruiz — person", "ruiz-mayor"],
      ["Ana Ruiz — organization", "ruiz-fund"],
      ["Acme — kind unknown · acme-1", "acme-1"],
      ["ACME — kind unknown · acme-2", "acme-2"],
      ["Café “Zürich” — 🌊", "cafe"],
      ["Councillor Osei", "osei"],
      ["I. Osei", "osei"],
      ["Mayor Ruiz", "ruiz-mayor"],
      ["Café Zürich", "cafe"],
    ]);
    expect(pickerOptions(records).find((option) => option.value === "Mayor Ruiz")?.hint).toBe("alias of Ana Ruiz — person");
  });

  it("resolves a label, a name or an alias without case or surrounding spaces to one record", () => {
    expect(resolvePick("  imani OSEI ", records)).toEqual({ found: "record", id: "osei" });
    expect(resolvePick("councillor osei", records)).toEqual({ found: "record", id: "osei" });
    expect(resolvePick("Ana Ruiz — Organization", records)).toEqual({ found: "record", id: "ruiz-fund" });
    expect(resolvePick("ACME — kind unknown · acme-2", records)).toEqual({ found: "record", id: "acme-2" });
    expect(resolvePick("café “zürich” — 🌊", records)).toEqual({ found: "record", id: "cafe" });
  });

  it("prefers a record's name to another record's alias", () => {
    expect(resolvePick("Imani Osei", records)).toEqual({ found: "record", id: "osei" });
  });

  it("says when a name or an alias means several records, and when it means none", () => {
    expect(resolvePick("Ana Ruiz", records)).toEqual({ found: "ambiguous", ids: ["ruiz-mayor", "ruiz-fund"] });
    expect(resolvePick("acme", records)).toEqual({ found: "ambiguous", ids: ["acme-1", "acme-2"] });
    expect(resolvePick("The Mayor", records)).toEqual({ found: "ambiguous", ids: ["ruiz-mayor", "ruiz-fund"] });
    expect(resolvePick("Ana", records)).toEqual({ found: "none" });
    expect(resolvePick("   ", records)).toEqual({ found: "none" });
  });
});
