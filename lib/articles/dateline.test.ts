import { describe, expect, it } from "vitest";
import { findDatelines, parseDateline, publishedFromDatelines } from "./dateline";

describe("parseDateline", () => {
  it("reads a scraped dateline whose Updated runs into the date, the update on that same day", () => {
    expect(parseDateline("Oct. 14, 2025Updated 12:23 p.m. ET")).toEqual({
      published: new Date("2025-10-14T00:00:00Z"),
      // ET in October is daylight time, UTC−4.
      updated: new Date("2025-10-14T16:23:00Z"),
    });
  });

  it("reads the common forms, a time only with its zone", () => {
    expect(parseDateline("Published 14 October 2025")).toEqual({ published: new Date("2025-10-14T00:00:00Z") });
    expect(parseDateline("October 14, 2025 at 9:02 a.m. EDT")).toEqual({ published: new Date("2025-10-14T13:02:00Z") });
    expect(parseDateline("Updated Oct 14, 2025, 12:23 PM ET")).toEqual({ updated: new Date("2025-10-14T16:23:00Z") });
    expect(parseDateline("Posted: Tuesday, 14th October 2025 · 07:45 BST")).toEqual({ published: new Date("2025-10-14T06:45:00Z") });
    expect(parseDateline("2025-10-14")).toEqual({ published: new Date("2025-10-14T00:00:00Z") });
    expect(parseDateline("Sept. 3, 2025 | 6 p.m. GMT")).toEqual({ published: new Date("2025-09-03T18:00:00Z") });
    expect(parseDateline("October 14, 2025 at 9:02 a.m.")).toEqual({ published: new Date("2025-10-14T00:00:00Z") });
  });

  it("follows US daylight saving for ET, CT, MT and PT by the day, and the fixed zones as named", () => {
    expect(parseDateline("Jan. 14, 2025 12:00 p.m. ET")?.published).toEqual(new Date("2025-01-14T17:00:00Z"));
    expect(parseDateline("March 8, 2025 9:00 a.m. PT")?.published).toEqual(new Date("2025-03-08T17:00:00Z"));
    expect(parseDateline("March 9, 2025 9:00 a.m. PT")?.published).toEqual(new Date("2025-03-09T16:00:00Z"));
    expect(parseDateline("Nov. 2, 2025 9:00 a.m. CT")?.published).toEqual(new Date("2025-11-02T15:00:00Z"));
    expect(parseDateline("Jan. 14, 2025 9:00 EDT")?.published).toEqual(new Date("2025-01-14T13:00:00Z"));
    expect(parseDateline("14 October 2025 09:30 CEST")?.published).toEqual(new Date("2025-10-14T07:30:00Z"));
    expect(parseDateline("14 October 2025 09:30 UTC")?.published).toEqual(new Date("2025-10-14T09:30:00Z"));
  });

  it("takes the earliest published date and the latest update", () => {
    expect(
      parseDateline("Published Oct. 13, 2025 Updated Oct. 14, 2025, 8:00 a.m. ET Updated Oct. 13, 2025 First published Oct. 12, 2025"),
    ).toEqual({
      published: new Date("2025-10-12T00:00:00Z"),
      updated: new Date("2025-10-14T12:00:00Z"),
    });
  });

  it("refuses sentences, city datelines, impossible dates and dates without a year", () => {
    for (const text of [
      "Updated guidance was published on Oct. 14.",
      "By Tuesday, the council had voted.",
      "WASHINGTON — The Senate passed the bill on Oct. 14, 2025.",
      "LONDON (Reuters) -",
      "Feb. 30, 2025",
      "Oct. 14",
      "2025",
      "Published",
      "Oct. 14, 2025 and counting",
      "13:75 ET Oct. 14, 2025",
      "Octopus 14, 2025",
      "Oct. 14, 2025\nUpdated 12:23 p.m. ET",
    ]) {
      expect(parseDateline(text), text).toBeNull();
    }
  });
});

describe("findDatelines", () => {
  it("looks only above the article's first sentence, so a timeline's dates stay", () => {
    const paragraphs = [
      "How the sea wall plan took shape",
      "Published 14 October 2025",
      "The plan to raise Port Selden’s sea wall has passed through four councils and two public inquiries.",
      "March 3, 2014",
      "Engineers warn that the 1958 wall will be overtopped within fifteen years.",
    ];
    expect(findDatelines(paragraphs)).toEqual([{ index: 1, dateline: { published: new Date("2025-10-14T00:00:00Z") } }]);
    expect(publishedFromDatelines(paragraphs)).toEqual(new Date("2025-10-14T00:00:00Z"));
  });

  it("gives no published date from an update alone", () => {
    expect(publishedFromDatelines(["Headline", "Updated Oct 14, 2025, 12:23 PM ET", "Body."])).toBeUndefined();
  });
});
