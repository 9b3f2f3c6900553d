// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { afterEach, describe, expect, it } from "vitest";
import { textToDoc } from "@/lib/articles/content";
import { ANNOTATION_MARK } from "./annotation-mark";
import { articleExtensions } from "./extensions";
import { TagCorrections } from "./tag-corrections";

const TEXT = "The Israeli government opposition said “no” — 🎉 twice.";
let editor: Editor;

/** An editor holding TEXT with tag `t` on `words`; positions are text offsets + 1 (one paragraph). */
function tagged(words: string) {
  editor = new Editor({ extensions: [...articleExtensions(), TagCorrections], content: textToDoc(TEXT) });
  const from = 1 + TEXT.indexOf(words);
  editor
    .chain()
    .setTextSelection({ from, to: from + words.length })
    .setMark(ANNOTATION_MARK, { id: "t" })
    .run();
  return from;
}

/** Types as the keyboard does: each key replaces the selection (the first) or goes in at the caret. */
function type(text: string) {
  for (const key of text) editor.view.dispatch(editor.state.tr.insertText(key));
}
function backspace(times: number) {
  for (let n = 0; n < times; n++) {
    const { from } = editor.state.selection;
    editor.view.dispatch(editor.state.tr.delete(from - 1, from));
  }
}
function select(words: string) {
  const from = 1 + editor.state.doc.textContent.indexOf(words);
  editor.commands.setTextSelection({ from, to: from + words.length });
}
/** The words tag `t` covers now. */
function tagWords(): string {
  let words = "";
  editor.state.doc.descendants((node) => {
    if (node.isText && node.marks.some((mark) => mark.attrs.id === "t")) words += node.text;
  });
  return words;
}

afterEach(() => editor?.destroy());

describe("corrections inside a tag", () => {
  it.each([
    ["its last word", "opposition", "objections", "Israeli government objections"],
    ["its first word", "Israeli", "Polish", "Polish government opposition"],
    ["a middle word", "government", "cabinet", "Israeli cabinet opposition"],
    ["all of it", "Israeli government opposition", "The coalition", "The coalition"],
  ])("replacing %s keeps the new words in the tag", (_what, replaced, typed, expected) => {
    tagged("Israeli government opposition");
    select(replaced);
    type(typed);
    expect(tagWords()).toBe(expected);
  });

  it("keeps the tag through Backspace while correcting, and text pasted over its last word", () => {
    tagged("Israeli government opposition");
    select("opposition");
    type("objectino");
    backspace(3);
    type("ions");
    expect(tagWords()).toBe("Israeli government objections");

    select("objections");
    editor.view.dispatch(editor.state.tr.replaceSelectionWith(editor.schema.text("critics"), false));
    expect(tagWords()).toBe("Israeli government critics");
  });

  it("never extends a tag by typing after its last character, nor after the caret moved", () => {
    const from = tagged("Israeli government opposition");
    const end = from + "Israeli government opposition".length;
    editor.commands.setTextSelection(end);
    type(" leaders");
    expect(tagWords()).toBe("Israeli government opposition");

    // A correction ends when the caret moves: going back to its end and typing stays outside.
    select("opposition");
    type("critics");
    editor.commands.setTextSelection(1);
    editor.commands.setTextSelection(1 + editor.state.doc.textContent.indexOf("critics") + "critics".length);
    type("!");
    expect(tagWords()).toBe("Israeli government critics");
  });

  it("keeps only the tags that covered all of the replaced words", () => {
    tagged("government opposition");
    select("opposition said");
    type("spoke");
    expect(tagWords()).toBe("government ");
  });

  it("replaces an emoji inside a tag as a whole character", () => {
    tagged("🎉 twice");
    select("🎉");
    type("two");
    expect(tagWords()).toBe("two twice");
  });
});
