import { describe, expect, it } from "vitest";
import { OffsetIndex } from "@/lib/tags/offsets";
import { suggestAll, type SuggestionFrom } from "./builtin";
import { fitsText, suggestionKey, tagAttributesOf, toRows, viewOf } from "./stored";

// Emoji before and inside the words (two UTF-16 units, one code point each), curly quotes and an em dash.
const TEXT =
  "🌊 Mayor Ana Ruiz said the city counted 1,219 ballots — about 40% more than in 2020.\n\n“We will recount every one of them,” said Ana Ruiz. 👩‍💻";
const points = (text: string, start: number, end: number) => [...text].slice(start, end).join("");
let next = 0;
const freshId = () => `s${++next}`;

describe("a suggester's answer made into rows", () => {
  const answer = suggestAll(TEXT);
  const { rows, refused } = toRows(TEXT, answer, new Set(), freshId);

  it("stores code points whose slice is exactly the suggestion's text, and the view gives either unit", () => {
    expect(refused).toEqual([]);
    expect(rows.length).toBe(answer.length);
    const offsets = new OffsetIndex(TEXT);
    for (const row of rows) {
      expect(points(TEXT, row.start, row.end)).toBe(row.text);
      const utf16 = viewOf(row, offsets, "utf16");
      expect(TEXT.slice(utf16.start, utf16.end)).toBe(row.text);
      expect(viewOf(row, offsets, "codepoint").start).toBe(row.start);
    }
    const figure = rows.find((row) => row.text === "about 40%")!;
    // The wave emoji is two UTF-16 units but one code point: the offsets differ by one.
    expect(figure.start).toBe(TEXT.indexOf("about 40%") - 1);
  });

  it("links a quote to the actor suggestion of the same answer by the row's id", () => {
    const quote = rows.find((row) => row.label === "quote" && row.text.startsWith("“We will"))!;
    const speaker = rows.find((row) => row.id === quote.speakerSuggestionId)!;
    expect(speaker.label).toBe("actor");
    expect(speaker.text).toBe("Ana Ruiz");
    expect(quote.speakerTagId).toBeNull();
    expect(tagAttributesOf(quote, "tag-1")).toEqual({ direct: true, speakerId: "tag-1" });
  });

  it("links to an existing actor tag by its id, and drops a link to anything unknown", () => {
    const quote: SuggestionFrom = {
      key: "q",
      label: "quote",
      start: TEXT.indexOf("“We"),
      end: TEXT.indexOf("them,”") + 6,
      text: "“We will recount every one of them,”",
      score: 0.9,
      attributes: { direct: true, speakerKey: "tag-7" },
      suggester: "test",
      version: "1",
    };
    const [linked] = toRows(TEXT, [quote], new Set(["tag-7"]), freshId).rows;
    expect(linked).toMatchObject({ speakerTagId: "tag-7", speakerSuggestionId: null });
    const [unknown] = toRows(TEXT, [{ ...quote, attributes: { speakerKey: "nobody" } }], new Set(["tag-7"]), freshId).rows;
    expect(unknown).toMatchObject({ speakerTagId: null, speakerSuggestionId: null });
  });

  it("refuses a suggestion whose text is not the text at its offsets, or that splits an emoji", () => {
    const base = { key: "x", label: "actor" as const, score: 1, attributes: {}, suggester: "test", version: "1" };
    const wrongText = { ...base, start: 2, end: 7, text: "Mayox" };
    const halfEmoji = { ...base, key: "y", start: 1, end: 7, text: TEXT.slice(1, 7) };
    const { rows, refused } = toRows(TEXT, [wrongText, halfEmoji], new Set(), freshId);
    expect(rows).toEqual([]);
    expect(refused).toHaveLength(2);
  });
});

describe("whether a stored suggestion still fits the text", () => {
  const [row] = toRows(
    TEXT,
    suggestAll(TEXT).filter((s) => s.text === "about 40%"),
    new Set(),
    freshId,
  ).rows;

  it("fits the text it was made on, not a corrected one, nor one too short to hold it", () => {
    expect(fitsText(new OffsetIndex(TEXT), row!)).toBe(true);
    expect(fitsText(new OffsetIndex(TEXT.replace("about 40%", "around 40%")), row!)).toBe(false);
    expect(fitsText(new OffsetIndex("🌊 Mayor"), row!)).toBe(false);
  });

  it("keys it by suggester, label and words at their place, so that a re-run finds it again", () => {
    const again = toRows(
      TEXT,
      suggestAll(TEXT).filter((s) => s.text === "about 40%"),
      new Set(),
      freshId,
    ).rows[0]!;
    expect(again.id).not.toBe(row!.id);
    expect(suggestionKey(again)).toBe(suggestionKey(row!));
    expect(suggestionKey({ ...again, suggester: "other" })).not.toBe(suggestionKey(row!));
  });
});
