import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { textToDoc } from "@/lib/articles/content";
import { readTags, seedContent } from "./documents";
import type { Journal } from "./journal";
import { createTag, removeTag, updateTag, type ArticleDocs, type TagActor } from "./operations";
import { mergeAgreeingTags } from "./operations";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the clerk. Ruiz’s office claimed a record turnout.";
const alice: TagActor = { userId: "alice", name: "Alice", role: "editor" };
const bob: TagActor = { userId: "bob", name: "Bob", role: "editor" };
const owner: TagActor = { userId: "olga", name: "Olga", role: "owner" };
const NOW = "2026-12-05T01:00:00.000Z";

function open(): ArticleDocs & { journal: Journal } {
  const content = new Y.Doc();
  seedContent(content, textToDoc(TEXT), []);
  return { content, tags: new Y.Doc(), journal: [] };
}

const span = (words: string, occurrence = 0) => {
  let at = TEXT.indexOf(words);
  for (let skip = 0; skip < occurrence; skip++) at = TEXT.indexOf(words, at + 1);
  return { start: at, end: at + words.length, unit: "utf16" as const };
};

function tag(docs: ArticleDocs, who: TagActor, id: string, label: "actor" | "quote" | "claim", words: string, attributes = {}) {
  const created = createTag(docs, who, { label, span: span(words), attributes }, id, NOW);
  if (!created.ok) throw new Error(created.message);
}

const linkOf = (docs: ArticleDocs, id: string) => readTags(docs.tags).get(id)!.attributes;

describe("links to an actor (a quote's speaker, a claim's source)", () => {
  it("are cleared, with a history entry, when the actor is deleted, and the quote can still be edited", () => {
    const docs = open();
    tag(docs, alice, "ana", "actor", "Ana Ruiz");
    tag(docs, alice, "quote", "quote", "“We counted 1,219 ballots,”", { speakerId: "ana", direct: true });
    tag(docs, bob, "claim", "claim", "claimed a record turnout", { sourceId: "ana" });
    docs.journal.length = 0;
    expect(removeTag(docs, owner, "ana", NOW).ok).toBe(true);
    expect(linkOf(docs, "quote")).toEqual({ direct: true });
    expect(linkOf(docs, "claim")).toEqual({});
    expect(
      docs.journal
        .filter((entry) => entry.type === "event" && entry.kind === "attributes_changed")
        .map((entry) => entry.type === "event" && [entry.annotationId, entry.actorId]),
    ).toEqual([
      ["quote", "olga"],
      ["claim", "olga"],
    ]);
    expect(updateTag(docs, alice, "quote", { note: "Checked against the tape" }, NOW).ok).toBe(true);
  });

  it("are cleared when the actor is relabelled as something else", () => {
    const docs = open();
    tag(docs, alice, "ana", "actor", "Ana Ruiz");
    tag(docs, alice, "quote", "quote", "“We counted 1,219 ballots,”", { speakerId: "ana" });
    expect(updateTag(docs, alice, "ana", { label: "claim" }, NOW).ok).toBe(true);
    expect(linkOf(docs, "quote")).toEqual({});
  });

  it("follow a merged copy to its gold tag", () => {
    const docs = open();
    tag(docs, alice, "ana-alice", "actor", "Ana Ruiz");
    tag(docs, bob, "ana-bob", "actor", "Ana Ruiz");
    tag(docs, bob, "quote", "quote", "“We counted 1,219 ballots,”", { speakerId: "ana-bob" });
    const merged = mergeAgreeingTags(docs, () => true, NOW);
    expect(merged.get("ana-bob")).toBe("ana-alice");
    expect(linkOf(docs, "quote")).toEqual({ speakerId: "ana-alice" });
    expect(readTags(docs.tags).has("ana-bob")).toBe(false);
  });
});
