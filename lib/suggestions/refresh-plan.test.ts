import { describe, expect, it } from "vitest";
import { changedParagraphs, keptRows, suggestChangedParagraphs } from "./refresh-plan";
import type { SuggestionRow } from "./stored";

const ONE = "🌊 Mayor Ana Ruiz said the city counted 1,219 ballots — about 40% more than in 2020.";
const TWO = "“We will recount every one of them,” said Ana Ruiz. 👩‍💻";
const THREE = "According to the Electoral Board, 312 complaints were filed.";
const BEFORE = [ONE, TWO, THREE].join("\n\n");

/** A row for `words` (its `nth` occurrence) in `text`, in code points. */
function rowFor(text: string, words: string, id: string, nth = 1): SuggestionRow {
  let at = -1;
  for (let n = 0; n < nth; n++) at = text.indexOf(words, at + 1);
  const start = [...text.slice(0, at)].length;
  return {
    id,
    suggester: "builtin:figures",
    version: "2",
    label: "figure",
    start,
    end: start + [...words].length,
    text: words,
    score: 0.9,
    attributes: {},
    speakerSuggestionId: null,
    speakerTagId: null,
    sourceSuggestionId: null,
    sourceTagId: null,
  };
}

const points = (text: string, row: SuggestionRow) => [...text].slice(row.start, row.end).join("");

describe("changedParagraphs", () => {
  it("is the whole paragraph a correction touched, in the new text", () => {
    const after = BEFORE.replace("every one", "each single one");
    const changed = changedParagraphs(BEFORE, after)!;
    expect(after.slice(changed.start, changed.end)).toBe(TWO.replace("every one", "each single one"));
    expect(BEFORE.slice(changed.start, changed.end - changed.delta)).toBe(TWO);
  });

  it("covers both paragraphs when a break is removed or added, and the first and last paragraphs to the text's ends", () => {
    const merged = BEFORE.replace(`${ONE}\n\n`, `${ONE} `);
    const changed = changedParagraphs(BEFORE, merged)!;
    expect(merged.slice(changed.start, changed.end)).toBe(`${ONE} ${TWO}`);
    const first = changedParagraphs(BEFORE, BEFORE.replace("Mayor", "Mayoress"))!;
    expect(first.start).toBe(0);
    const last = BEFORE.replace("312", "313");
    expect(last.slice(changedParagraphs(BEFORE, last)!.start)).toBe(THREE.replace("312", "313"));
    expect(changedParagraphs(BEFORE, BEFORE)).toBeNull();
  });
});

describe("keptRows", () => {
  it("keeps rows before the change, moves rows after it by the change's length, drops those inside", () => {
    const after = BEFORE.replace("every one", "each single one");
    const rows = [rowFor(BEFORE, "1,219 ballots", "a"), rowFor(BEFORE, "every one", "b"), rowFor(BEFORE, "312 complaints", "c")];
    const kept = keptRows(BEFORE, after, changedParagraphs(BEFORE, after)!, rows);
    expect(kept.map((row) => row.id)).toEqual(["a", "c"]);
    for (const row of kept) expect(points(after, row)).toBe(row.text);
    expect(kept[0]).toEqual(rows[0]);
    expect(kept[1]!.start - rows[2]!.start).toBe([..."each single one"].length - [..."every one"].length);
  });

  it("drops a row already stale before the correction", () => {
    const stale = { ...rowFor(BEFORE, "312 complaints", "c"), text: "311 complaints" };
    const after = BEFORE.replace("Mayor", "Mayoress");
    expect(keptRows(BEFORE, after, changedParagraphs(BEFORE, after)!, [stale])).toEqual([]);
  });
});

describe("suggestChangedParagraphs", () => {
  it("answers for the changed paragraphs only, at their places in the whole text", () => {
    const after = BEFORE.replace("every one", "all 4,000 of them");
    const changed = changedParagraphs(BEFORE, after)!;
    const answer = suggestChangedParagraphs(after, changed, {});
    expect(answer.length).toBeGreaterThan(0);
    for (const suggestion of answer) {
      expect(suggestion.start).toBeGreaterThanOrEqual(changed.start);
      expect(suggestion.end).toBeLessThanOrEqual(changed.end);
      expect(after.slice(suggestion.start, suggestion.end)).toBe(suggestion.text);
    }
    expect(answer.some((suggestion) => suggestion.label === "figure" && suggestion.text.includes("4,000"))).toBe(true);
    expect(answer.some((suggestion) => suggestion.text.includes("1,219") || suggestion.text.includes("312"))).toBe(false);
  });
});
