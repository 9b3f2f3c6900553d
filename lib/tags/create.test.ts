import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { textToDoc } from "@/lib/articles/content";
import { markSpan, readTags, seedContent } from "./documents";
import { createTag, type ArticleDocs, type TagActor } from "./operations";

const TEXT = "“We counted 1,219 ballots,” said Donald Trump 🗳️ — and Trump’s aides agreed.";
const alice: TagActor = { userId: "alice", name: "Alice", role: "editor" };
const bob: TagActor = { userId: "bob", name: "Bob", role: "editor" };
const NOW = "2026-12-06T01:00:00.000Z";
const words = (text: string) => ({ start: TEXT.indexOf(text), end: TEXT.indexOf(text) + text.length, unit: "utf16" as const });

function open(): ArticleDocs {
  const content = new Y.Doc();
  seedContent(content, textToDoc(TEXT), []);
  return { content, tags: new Y.Doc(), journal: [] };
}

describe("creating a tag", () => {
  it("refuses one person's second tag of the same label on the same words, through the API and the editor", () => {
    const docs = open();
    expect(createTag(docs, alice, { label: "actor", span: words("Donald Trump") }, "first", NOW)).toEqual({
      ok: true,
      value: { id: "first" },
    });
    expect(createTag(docs, alice, { label: "actor", span: words("Donald Trump") }, "again", NOW)).toMatchObject({
      ok: false,
      reason: "conflict",
      message: expect.stringContaining('"first"'),
    });
    // The editor's way: the mark is placed first, then the tag is asked for.
    markSpan(docs.content, "pressed-twice", { start: words("Donald Trump").start, end: words("Donald Trump").end });
    expect(createTag(docs, alice, { label: "actor", id: "pressed-twice" }, "pressed-twice", NOW)).toMatchObject({
      ok: false,
      reason: "conflict",
    });
    expect([...readTags(docs.tags).keys()]).toEqual(["first"]);
  });

  it("still lets a colleague tag the same words, and the same person tag them with another label or other words", () => {
    const docs = open();
    for (const [who, label, text, id] of [
      [alice, "actor", "Donald Trump", "a"],
      [bob, "actor", "Donald Trump", "b"],
      [alice, "quote", "Donald Trump", "c"],
      [alice, "actor", "Trump", "d"],
    ] as const) {
      expect(createTag(docs, who, { label, span: words(text) }, id, NOW)).toEqual({ ok: true, value: { id } });
    }
    expect(readTags(docs.tags).size).toBe(4);
  });
});
