import { describe, expect, it } from "vitest";
import { chooseTitle, firstWords, isHeadlineLike, titleFromFileName } from "./title";

describe("isHeadlineLike", () => {
  it("accepts short lines that do not end like sentences, questions included", () => {
    expect(isHeadlineLike("Harbour town votes to raise its sea wall by two metres")).toBe(true);
    expect(isHeadlineLike("Who pays for the flood wall?")).toBe(true);
    expect(isHeadlineLike("Budget passes 31–12 🎉")).toBe(true);
  });

  it("refuses sentences, quotations, long lines and more than one line", () => {
    expect(isHeadlineLike("The council met on Tuesday.")).toBe(false);
    expect(isHeadlineLike("“We will not leave this valley, whatever the water does.”")).toBe(false);
    expect(isHeadlineLike("“Why now?”")).toBe(false);
    expect(isHeadlineLike('"We will rebuild"')).toBe(false);
    expect(isHeadlineLike("The mayor said the town would ‘never give up’")).toBe(false);
    expect(isHeadlineLike(Array.from({ length: 35 }, (_, index) => `word${index}`).join(" "))).toBe(false);
    expect(isHeadlineLike("Headline\nBy Someone")).toBe(false);
  });
});

describe("titleFromFileName", () => {
  it("turns a slug into a title", () => {
    expect(titleFromFileName("senate-passes-budget-bill.txt")).toBe("Senate passes budget bill");
    expect(titleFromFileName("/home/ana/news/harbour_council_approves_sea_wall.txt")).toBe("Harbour council approves sea wall");
    expect(titleFromFileName("2025-10-14-harbour-votes-on-2-metre-wall.txt")).toBe("Harbour votes on 2 metre wall");
    expect(titleFromFileName("C:\\clips\\Mayor résigne après 12 ans.txt")).toBe("Mayor résigne après 12 ans");
  });

  it("refuses names that do not read as titles", () => {
    for (const name of [
      "article (3).txt",
      "scan_0001.txt",
      "export.txt",
      "untitled-document-copy.txt",
      "IMG_2034 copy.txt",
      "notes-final-v2.txt",
      "3f9a2c71-5b1e-4c0d-9a3e-2f1b7c8d9e0a.txt",
      "budget.txt",
    ]) {
      expect(titleFromFileName(name), name).toBeNull();
    }
  });
});

describe("firstWords", () => {
  it("keeps a short first line whole and cuts a long one after ten words", () => {
    expect(firstWords("The council met on Tuesday.")).toBe("The council met on Tuesday.");
    expect(
      firstWords(
        "The regional port authority on Wednesday awarded a £12 million contract to dredge the Kell estuary’s main channel to a Dutch–Irish consortium.",
      ),
    ).toBe("The regional port authority on Wednesday awarded a £12 million…");
    expect(firstWords("港湾委員会は火曜日の夜、防潮堤を二メートルかさ上げする計画を賛成七、反対二で可決した。".repeat(4))).toHaveLength(
      121,
    );
  });
});

describe("chooseTitle", () => {
  const sentence =
    "The regional port authority on Wednesday awarded a £12 million contract to dredge the Kell estuary’s main channel to a Dutch–Irish consortium, which promised to finish before the autumn storms and keep the boats moving.";

  it("prefers a headline-like first line, then the file name, then the first words", () => {
    expect(chooseTitle("Harbour votes on sea wall", "senate-passes-budget-bill.txt")).toEqual({
      title: "Harbour votes on sea wall",
      from: "first-line",
    });
    expect(chooseTitle(sentence, "harbour-dredging-contract-awarded.txt")).toEqual({
      title: "Harbour dredging contract awarded",
      from: "file-name",
    });
    expect(chooseTitle(sentence, "scan_0001.txt")).toEqual({
      title: "The regional port authority on Wednesday awarded a £12 million…",
      from: "first-words",
    });
    expect(chooseTitle(sentence, undefined)?.from).toBe("first-words");
    expect(chooseTitle("", "senate-passes-budget-bill.txt")).toBeNull();
  });
});
