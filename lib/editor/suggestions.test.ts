// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { afterEach, describe, expect, it, vi } from "vitest";
import { textToDoc } from "@/lib/articles/content";
import { placeSuggestions, type PlaceableSuggestion } from "@/lib/suggestions/places";
import { projectDocument } from "@/lib/tags/projection";
import { ANNOTATION_MARK } from "./annotation-mark";
import { articleExtensions } from "./extensions";
import {
  CURRENT_SUGGESTION_CLASS,
  SUGGESTION_EVENT,
  Suggestions,
  suggestionsKey,
  suggestionStarts,
  type SuggestionEventDetail,
} from "./suggestions";
import { TextGuard } from "./text-guard";

const TEXT = "🗳️ “We counted 1,219 ballots,” said Ana Ruiz — the clerk.\n\nMore than 200 volunteers waited 👩🏽‍⚖️.\n\n“It was long,” she said.";
let editor: Editor;
let events: SuggestionEventDetail[];

function suggestion(words: string, label: PlaceableSuggestion["label"]): PlaceableSuggestion {
  const start = TEXT.indexOf(words);
  return {
    id: words,
    suggester: "builtin:test",
    version: "1",
    label,
    start,
    end: start + words.length,
    text: words,
    score: 0.9,
  };
}

const SUGGESTIONS = [
  suggestion("“We counted 1,219 ballots,”", "quote"),
  suggestion("1,219 ballots", "figure"),
  suggestion("Ana Ruiz", "actor"),
  suggestion("200 volunteers", "figure"),
  suggestion("waited 👩🏽‍⚖️.\n\n“It was long,”", "quote"),
];

function open(suggestions = SUGGESTIONS) {
  editor = new Editor({
    extensions: [...articleExtensions(), Suggestions, TextGuard.configure({ correcting: false })],
    content: textToDoc(TEXT),
  });
  events = [];
  editor.view.dom.addEventListener(SUGGESTION_EVENT, (event) => events.push((event as CustomEvent<SuggestionEventDetail>).detail));
  editor.commands.setSuggestions(placeSuggestions(projectDocument(editor.state.doc), suggestions));
}

/** Each suggestion's words as the editor shows them now, by id. */
function shown(): Record<string, string> {
  const words: Record<string, string> = {};
  for (const { id, from, to } of suggestionStarts(editor.state)) words[id] = editor.state.doc.textBetween(from, to, "\n\n", "\n");
  return words;
}

/** A key pressed in the editor, as the browser sends it (Tiptap's keyboardShortcut command would drop the plugin's meta). */
const press = (key: string) => editor.view.dom.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
const current = () => suggestionsKey.getState(editor.state)!.current;
/** A local edit: correcting mode on for it, as the page switches it. */
function correct(edit: () => void) {
  editor.commands.setCorrecting(true);
  edit();
  editor.commands.setCorrecting(false);
}
const at = (words: string) => {
  const text = editor.state.doc.textBetween(0, editor.state.doc.content.size, "\n\n", "\n");
  // Each paragraph separator ("\n\n") stands for the two positions between paragraphs.
  return 1 + text.indexOf(words);
};

afterEach(() => editor?.destroy());

describe("suggestions in the editor", () => {
  it("show as decorations on their words, never as marks or in the text, each with its provenance", () => {
    open();
    expect(shown()).toEqual(Object.fromEntries(SUGGESTIONS.map((item) => [item.id, item.text])));
    expect(editor.state.doc.textContent).toBe(TEXT.replaceAll("\n\n", ""));
    let marks = 0;
    editor.state.doc.descendants((node) => void (marks += node.marks.filter((mark) => mark.type.name === ANNOTATION_MARK).length));
    expect(marks).toBe(0);
    const figure = editor.view.dom.querySelector<HTMLElement>('[data-suggestion="200 volunteers"]')!;
    expect(figure.className).toContain("margin-suggestion--figure");
    expect(figure.title).toBe("Suggested by builtin:test 1 · score 0.90");
    // A figure inside a quote keeps its own element, outline and title.
    const inner = editor.view.dom.querySelector<HTMLElement>('[data-suggestion="1,219 ballots"]')!;
    expect([inner.textContent, inner.className.includes("margin-suggestion--figure")]).toEqual(["1,219 ballots", true]);
    expect(editor.view.dom.querySelectorAll('[data-suggestion="“We counted 1,219 ballots,”"]').length).toBeGreaterThan(0);
    // The quote across two paragraphs is outlined in both.
    expect(editor.view.dom.querySelectorAll('[data-suggestion^="waited"]').length).toBe(2);
  });

  it("follow text typed before them, and keep their words", () => {
    open();
    correct(() => editor.commands.insertContentAt(1, "Late — 🙂 "));
    correct(() => editor.commands.insertContentAt(at("More"), "Then "));
    expect(shown()).toEqual(Object.fromEntries(SUGGESTIONS.map((item) => [item.id, item.text])));
    expect(events).toEqual([]);
  });

  it("go when their words are edited or deleted, and say so once", () => {
    open();
    correct(() => editor.commands.insertContentAt(at("Ruiz"), "María "));
    expect(shown()["Ana Ruiz"]).toBeUndefined();
    expect(events).toEqual([{ action: "dropped", ids: ["Ana Ruiz"] }]);
    // Deleting one paragraph's part of a quote across two takes the whole quote away.
    const from = at("“It was long,”");
    correct(() => editor.commands.deleteRange({ from, to: from + "“It was long,”".length }));
    expect(Object.keys(shown())).toEqual(["“We counted 1,219 ballots,”", "1,219 ballots", "200 volunteers"]);
    expect(events.at(-1)).toEqual({ action: "dropped", ids: ["waited 👩🏽‍⚖️.\n\n“It was long,”"] });
  });

  it("stay when words around or over them are tagged: a mark is formatting, not an edit", () => {
    open();
    // Tagging the quote that holds the figure suggestion (the mark covers the figure's words too).
    const from = at("“We counted");
    editor.commands.setTextSelection({ from, to: from + "“We counted 1,219 ballots,”".length });
    editor.commands.setAnnotation("tag-1");
    // …and a colleague's mark arriving as a replacement of the whole document.
    const doc = editor.state.doc;
    const mark = editor.schema.marks[ANNOTATION_MARK]!.create({ id: "tag-2" });
    const marked = editor.state.tr.addMark(at("200 volunteers"), at("200 volunteers") + "200 volunteers".length, mark).doc;
    editor.view.dispatch(editor.state.tr.replaceWith(0, doc.content.size, marked.content));
    expect(shown()).toEqual(Object.fromEntries(SUGGESTIONS.map((item) => [item.id, item.text])));
    expect(events).toEqual([]);
  });

  it("stay when a colleague's edit arrives as a replacement of the whole document", () => {
    open();
    const doc = editor.state.doc;
    const first = doc.child(0);
    const changed = first.copy(first.content.addToEnd(editor.schema.text(" Really.")));
    editor.view.dispatch(editor.state.tr.replaceWith(0, doc.content.size, doc.content.replaceChild(0, changed)));
    expect(shown()).toEqual(Object.fromEntries(SUGGESTIONS.map((item) => [item.id, item.text])));
    expect(events).toEqual([]);
  });

  it("are mapped, not rebuilt, by typing: no decoration is made again on a keystroke among 2,000", () => {
    const many = Array.from({ length: 2000 }, (_, index) => `Figure ${index} of 2,000 —`).join(" ");
    const text = `${many}\n\nTyped here.`;
    editor = new Editor({ extensions: [...articleExtensions(), Suggestions], content: textToDoc(text) });
    const placed = Array.from({ length: 2000 }, (_, index) => {
      const words = `Figure ${index} of`;
      const start = text.indexOf(`${words} 2,000`);
      return { ...suggestion("Ana Ruiz", "figure"), id: String(index), start, end: start + words.length, text: words };
    });
    editor.commands.setSuggestions(placeSuggestions(projectDocument(editor.state.doc), placed));
    expect(suggestionStarts(editor.state)).toHaveLength(2000);
    const created = [vi.spyOn(Decoration, "inline"), vi.spyOn(DecorationSet, "create")];
    for (const letter of "Again") editor.commands.insertContentAt(editor.state.doc.content.size - 1, letter);
    editor.commands.insertContentAt(1, "Now ");
    expect(created.map((spy) => spy.mock.calls.length)).toEqual([0, 0]);
    expect(suggestionStarts(editor.state)).toHaveLength(2000);
    expect(editor.state.doc.textBetween(...(({ from, to }) => [from, to] as const)(suggestionStarts(editor.state)[0]!))).toBe(
      "Figure 0 of",
    );
    created.forEach((spy) => spy.mockRestore());
  });

  it("are reached with ] and [, accepted with Enter or a, dismissed with x or Backspace, each moving on", () => {
    open();
    editor.commands.setTextSelection(at("said Ana"));
    press("]");
    expect(current()).toBe("Ana Ruiz");
    expect(editor.view.dom.querySelector(`.${CURRENT_SUGGESTION_CLASS}`)?.textContent).toBe("Ana Ruiz");
    press("[");
    expect(current()).toBe("1,219 ballots");
    press("Enter");
    expect(current()).toBe("Ana Ruiz");
    press("x");
    expect(current()).toBe("200 volunteers");
    expect(events).toEqual([
      { action: "focus", ids: ["Ana Ruiz"] },
      { action: "focus", ids: ["1,219 ballots"] },
      { action: "accept", ids: ["1,219 ballots"] },
      { action: "focus", ids: ["Ana Ruiz"] },
      { action: "dismiss", ids: ["Ana Ruiz"] },
      { action: "focus", ids: ["200 volunteers"] },
    ]);
    // The page takes them off the text once the server has them; the current one stays current.
    editor.commands.removeSuggestions(["1,219 ballots", "Ana Ruiz"]);
    expect(Object.keys(shown())).toEqual(["“We counted 1,219 ballots,”", "200 volunteers", "waited 👩🏽‍⚖️.\n\n“It was long,”"]);
    expect(current()).toBe("200 volunteers");
    press("a");
    expect(events.at(-2)).toEqual({ action: "accept", ids: ["200 volunteers"] });
    expect(current()).toBe("waited 👩🏽‍⚖️.\n\n“It was long,”");
  });

  it("leave the keys alone while the text is being corrected", () => {
    open();
    editor.commands.focusSuggestion("Ana Ruiz");
    editor.commands.setCorrecting(true);
    press("]");
    press("x");
    expect(current()).toBe("Ana Ruiz");
    expect(events).toEqual([]);
    expect(Object.keys(shown())).toContain("Ana Ruiz");
  });

  it("are replaced as a whole by a new load", () => {
    open();
    editor.commands.focusSuggestion("Ana Ruiz");
    editor.commands.setSuggestions(placeSuggestions(projectDocument(editor.state.doc), [suggestion("the clerk", "actor")]));
    expect(shown()).toEqual({ "the clerk": "the clerk" });
    expect(current()).toBeNull();
  });
});
