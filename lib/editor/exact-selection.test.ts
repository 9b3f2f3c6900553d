// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { afterEach, describe, expect, it } from "vitest";
import { textToDoc } from "@/lib/articles/content";
import { articleExtensions } from "./extensions";
import { selectionIsExact, WordSnap } from "./word-snap";

let editor: Editor | undefined;
afterEach(() => editor?.destroy());

const alt = (type: "keydown" | "keyup", held: boolean) => window.dispatchEvent(new KeyboardEvent(type, { key: "Alt", altKey: held }));

describe("a selection made with Alt held", () => {
  it("stays exact after Alt is let go, through colleagues' edits, until this user selects again without it", () => {
    editor = new Editor({
      element: document.createElement("div"),
      extensions: [...articleExtensions(), WordSnap],
      content: textToDoc("The city’s mayor said 1,219 homes flooded."),
    });
    alt("keydown", true);
    editor.commands.setTextSelection({ from: 6, to: 9 });
    alt("keyup", false);
    expect(selectionIsExact(editor.state)).toBe(true);
    // A colleague's change maps the selection (y-tiptap marks its transactions): still this user's exact one.
    const { state } = editor;
    editor.view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, 6, 9)).setMeta(ySyncPluginKey, { isChangeOrigin: true }));
    expect(selectionIsExact(editor.state)).toBe(true);
    editor.commands.setTextSelection({ from: 2, to: 12 });
    expect(selectionIsExact(editor.state)).toBe(false);
  });
});
