import { describe, expect, it } from "vitest";
import { Node as PMNode } from "@tiptap/pm/model";
import { textToDoc } from "@/lib/articles/content";
import { articleSchema } from "@/lib/editor/extensions";
import { projectDocument } from "@/lib/tags/projection";
import { placeSuggestions, provenanceOf, type PlaceableSuggestion } from "./places";

// Curly quotes, an em dash, emoji outside the BMP (two UTF-16 units each), a line break and two paragraphs.
const TEXT = "🗳️ “We counted 1,219 ballots,” said Ana Ruiz — the clerk 👩🏽‍⚖️.\nMore than 200 volunteers waited.\n\n“It was long,” she said.";

function suggestion(words: string, label: PlaceableSuggestion["label"], options: { id?: string; from?: number } = {}): PlaceableSuggestion {
  const start = TEXT.indexOf(words, options.from ?? 0);
  if (start < 0) throw new Error(`"${words}" is not in the text`);
  return {
    id: options.id ?? words,
    suggester: `builtin:${label}s`,
    version: "1",
    label,
    start,
    end: start + words.length,
    text: words,
    score: 0.875,
  };
}

const doc = () => PMNode.fromJSON(articleSchema, textToDoc(TEXT));
/** The document's words between two positions, separated as the canonical text separates them. */
const words = (node: PMNode, from: number, to: number) => node.textBetween(from, to, "\n\n", "\n");

describe("placing suggestions on the editor's document", () => {
  it("puts each suggestion on exactly its words, past emoji, curly quotes, a dash and a line break", () => {
    const node = doc();
    const projection = projectDocument(node);
    expect(projection.text).toBe(TEXT);
    const suggestions = [
      suggestion("“We counted 1,219 ballots,”", "quote"),
      suggestion("1,219 ballots", "figure"),
      suggestion("Ana Ruiz", "actor"),
      suggestion("the clerk 👩🏽‍⚖️", "actor"),
      suggestion("200 volunteers", "figure"),
      suggestion("“It was long,”", "quote"),
    ];
    const placed = placeSuggestions(projection, suggestions);
    expect(placed.map((place) => words(node, place.from, place.to))).toEqual(suggestions.map((item) => item.text));
    expect(placed[0]).toMatchObject({ id: "“We counted 1,219 ballots,”", label: "quote" });
  });

  it("covers a quote across a line break and a paragraph with the canonical text's separators", () => {
    const node = doc();
    const across = suggestion("200 volunteers waited.\n\n“It was long,”", "quote");
    const [placed] = placeSuggestions(projectDocument(node), [across]);
    expect(words(node, placed!.from, placed!.to)).toBe(across.text);
  });

  it("leaves out suggestions whose words are not at their offsets, or whose offsets are not in the text", () => {
    const projection = projectDocument(doc());
    const moved = { ...suggestion("Ana Ruiz", "actor"), start: 1, end: 9 };
    const outside = { ...suggestion("waited.", "claim"), end: TEXT.length + 4 };
    const splitEmoji = { ...suggestion("🗳️", "figure"), start: 1, text: "\uDDF3\uFE0F" };
    const reversed = { ...suggestion("Ana", "actor"), start: 10, end: 5 };
    expect(
      placeSuggestions(projection, [moved, outside, splitEmoji, reversed, suggestion("she", "actor")]).map((place) => place.id),
    ).toEqual(["she"]);
  });

  it("says where a suggestion comes from: suggester, version and score", () => {
    const item = suggestion("Ana Ruiz", "actor");
    expect(provenanceOf(item)).toBe("builtin:actors 1 · score 0.88");
    expect(placeSuggestions(projectDocument(doc()), [item])[0]!.title).toBe("Suggested by builtin:actors 1 · score 0.88");
  });
});
