import { describe, expect, it } from "vitest";
import { describeProvenance } from "./provenance-words";

describe("describeProvenance", () => {
  it("names the suggester, its version and the score", () => {
    expect(describeProvenance({ suggestionId: "s1", suggester: "builtin:figures", version: "2", score: 0.95 })).toBe(
      "from a suggestion (builtin:figures 2, score 0.95)",
    );
    expect(describeProvenance({ suggester: "external", version: "spacy-3.7", score: 0.87654 })).toBe(
      "from a suggestion (external spacy-3.7, score 0.88)",
    );
  });

  it("leaves out what the record lacks, and gives nothing for a record that is not a suggestion's", () => {
    expect(describeProvenance({ suggester: "builtin:quotes" })).toBe("from a suggestion (builtin:quotes)");
    expect(describeProvenance({ suggester: "builtin:quotes", version: "", score: Number.NaN })).toBe("from a suggestion (builtin:quotes)");
    expect(describeProvenance(undefined)).toBeNull();
    expect(describeProvenance("builtin:figures")).toBeNull();
    expect(describeProvenance({ version: "2", score: 1 })).toBeNull();
  });
});
