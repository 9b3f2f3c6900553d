import { describe, expect, it } from "vitest";
import type { ForeignDocument } from "./foreign-document";
import { countLabels, describeLabels, parseLabelMap, targetOf } from "./label-map";

const parsed = (value: string) => {
  const result = parseLabelMap(value);
  if (!result.ok) throw new Error(result.message);
  return result.map;
};

describe("the label map", () => {
  it("parses PER=actor,ORG=actor,X=skip and matches labels case-insensitively", () => {
    const map = parsed("PER=actor, org = Actor ,QUOTE=quote,X=skip,");
    expect(targetOf(map, "per")).toBe("actor");
    expect(targetOf(map, "ORG")).toBe("actor");
    expect(targetOf(map, "Quote")).toBe("quote");
    expect(targetOf(map, "x")).toBe("skip");
    expect(targetOf(map, "MISC")).toBeUndefined();
  });

  it("maps Margin's own label names to themselves unless told otherwise", () => {
    expect(targetOf(parsed(""), "Actor")).toBe("actor");
    expect(targetOf(parsed(""), "figure")).toBe("figure");
    expect(targetOf(parsed("claim=skip"), "Claim")).toBe("skip");
  });

  it("refuses targets that are not Margin's labels, missing labels and contradictions", () => {
    expect(parseLabelMap("PER=person")).toEqual({
      ok: false,
      message: '"PER=person": map each label to one of actor, claim, figure, quote, skip, as in PER=actor',
    });
    expect(parseLabelMap("=actor")).toEqual({ ok: false, message: '"=actor" names no label before "="' });
    expect(parseLabelMap("PER=actor,per=quote")).toEqual({ ok: false, message: 'label "per" is mapped twice (to actor and quote)' });
  });

  it("counts the files' labels, predictions only when they are imported, and says where each goes", () => {
    const document: ForeignDocument = {
      label: "d",
      text: "x",
      unit: "codepoint",
      metadata: {},
      links: [],
      spans: [
        { id: "1", label: "PER" },
        { id: "2", label: "per" },
        { id: "3", label: "MISC" },
        { id: "4", label: "ORG", prediction: true },
      ],
    };
    const map = parsed("PER=actor");
    expect(countLabels([document], map, { predictions: false })).toEqual([
      { label: "PER", count: 2, target: "actor" },
      { label: "MISC", count: 1, target: undefined },
    ]);
    const all = countLabels([document], map, { predictions: true });
    expect(all.map((entry) => entry.label)).toEqual(["PER", "MISC", "ORG"]);
    expect(describeLabels(all.filter((entry) => !entry.target))).toBe("MISC (1), ORG (1)");
  });
});
