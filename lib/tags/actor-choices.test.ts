import { describe, expect, it } from "vitest";
import { actorChoices } from "./actor-choices";
import type { TagRecord } from "./record";

const actor = (attributes: { canonicalName?: string; actorId?: string } = {}) => ({ label: "actor", attributes }) as unknown as TagRecord;

describe("the speaker and source pickers' choices", () => {
  it("list each actor once, by canonical name first, in reading order, keeping later mentions for links already made", () => {
    const tags = new Map<string, TagRecord>([
      ["later-trump", actor({ canonicalName: "Donald Trump" })],
      ["ruiz", actor()],
      ["trump", actor({ canonicalName: "Donald Trump" })],
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

  it("group by the linked record before any name, and show the record's name when it is known", () => {
    const tags = new Map<string, TagRecord>([
      // Different words and canonical names, one record: one actor.
      ["witkoff", actor({ actorId: "rec-w", canonicalName: "Steve Witkoff" })],
      ["envoy", actor({ actorId: "rec-w" })],
      // The same canonical name, two records (two people of one name): two actors.
      ["ruiz-a", actor({ actorId: "rec-a", canonicalName: "Ana Ruiz" })],
      ["ruiz-b", actor({ actorId: "rec-b", canonicalName: "Ana Ruiz" })],
      // A record the registry did not name (not loaded yet): its canonical name, else its words.
      ["osei", actor({ actorId: "rec-unknown", canonicalName: "Imani Osei" })],
      ["nobody", actor({ actorId: "rec-unknown-2" })],
    ]);
    const spans = new Map([
      ["witkoff", { text: "Witkoff’s", start: 0 }],
      ["envoy", { text: "the U.S. envoy — 🇺🇸", start: 20 }],
      ["ruiz-a", { text: "Ruiz", start: 40 }],
      ["ruiz-b", { text: "Ruiz", start: 60 }],
      ["osei", { text: "Osei", start: 80 }],
      ["nobody", { text: "“the council”", start: 100 }],
    ]);
    const names = new Map([
      ["rec-w", "Steve Witkoff"],
      ["rec-a", "Ana Ruiz (mayor)"],
      ["rec-b", "Ana Ruiz"],
    ]);
    expect(actorChoices(tags, spans, names)).toEqual([
      { id: "witkoff", text: "Steve Witkoff (“Witkoff’s”)", primary: true },
      { id: "envoy", text: "Steve Witkoff (“the U.S. envoy — 🇺🇸”)", primary: false },
      { id: "ruiz-a", text: "Ana Ruiz (mayor) (“Ruiz”)", primary: true },
      { id: "ruiz-b", text: "Ana Ruiz (“Ruiz”)", primary: true },
      { id: "osei", text: "Imani Osei (“Osei”)", primary: true },
      { id: "nobody", text: "“the council”", primary: true },
    ]);
  });
});

describe("a tag linked to a merged record", () => {
  it("is the same actor as its root's tags, shown by the root's name", () => {
    const tags = new Map<string, TagRecord>([
      ["full", actor({ actorId: "root" })],
      ["old", actor({ actorId: "merged" })],
    ]);
    const spans = new Map([
      ["full", { text: "Steve Witkoff", start: 0 }],
      ["old", { text: "S. Witkoff", start: 30 }],
    ]);
    const names = new Map([
      ["root", "Steve Witkoff"],
      ["merged", "Steve Witkoff"],
    ]);
    expect(actorChoices(tags, spans, names, new Map([["merged", "root"]]))).toEqual([
      { id: "full", text: "Steve Witkoff", primary: true },
      { id: "old", text: "Steve Witkoff (“S. Witkoff”)", primary: false },
    ]);
  });
});
