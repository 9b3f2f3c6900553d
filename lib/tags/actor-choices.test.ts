import { describe, expect, it } from "vitest";
import { actorChoices } from "./actor-choices";
import type { TagRecord } from "./record";

const actor = (canonicalName?: string) => ({ label: "actor", attributes: canonicalName ? { canonicalName } : {} }) as unknown as TagRecord;

describe("the speaker and source pickers' choices", () => {
  it("list each actor once, by canonical name first, in reading order, keeping later mentions for links already made", () => {
    const tags = new Map<string, TagRecord>([
      ["later-trump", actor("Donald Trump")],
      ["ruiz", actor()],
      ["trump", actor("Donald Trump")],
      ["quote", { label: "quote", attributes: {} } as unknown as TagRecord],
      ["ruiz-again", actor()],
    ]);
    const spans = new Map([
      ["later-trump", { text: "Mr. Trump", start: 90 }],
      ["ruiz", { text: "Ana Ruiz", start: 40 }],
      ["trump", { text: "Trump", start: 10 }],
      ["quote", { text: "“We counted”", start: 0 }],
      ["ruiz-again", { text: "ana ruiz", start: 70 }],
    ]);
    expect(actorChoices(tags, spans)).toEqual([
      { id: "trump", text: "Donald Trump (“Trump”)", primary: true },
      { id: "ruiz", text: "Ana Ruiz", primary: true },
      { id: "ruiz-again", text: "ana ruiz", primary: false },
      { id: "later-trump", text: "Donald Trump (“Mr. Trump”)", primary: false },
    ]);
  });
});
