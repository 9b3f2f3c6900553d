// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import * as Y from "yjs";
import { afterEach, describe, expect, it } from "vitest";
import { textToDoc } from "@/lib/articles/content";
import { contentFragment, seedContent } from "@/lib/tags/documents";
import { collaborationExtensions } from "./collaboration";
import { articleExtensions } from "./extensions";

let editor: Editor | undefined;
afterEach(() => editor?.destroy());

const PARAGRAPHS = Array.from({ length: 40 }, (_, index) => `Paragraph ${index}: the council’s “figures” — 1,219 residents 🙂.`);

/** An editor on a content document shared with a colleague's, each update delivered at once. */
function openShared() {
  const mine = new Y.Doc();
  seedContent(mine, textToDoc(PARAGRAPHS.join("\n\n")), [{ id: "tag-1", span: { start: 0, end: 9 } }]);
  const theirs = new Y.Doc();
  Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
  mine.on("update", (update: Uint8Array, origin: unknown) => origin !== "relay" && Y.applyUpdate(theirs, update, "relay"));
  theirs.on("update", (update: Uint8Array, origin: unknown) => origin !== "relay" && Y.applyUpdate(mine, update, "relay"));
  editor = new Editor({ element: document.createElement("div"), extensions: [...articleExtensions(), ...collaborationExtensions(mine)] });
  return { editor, theirs };
}

const paragraphText = (doc: Y.Doc, index: number) => (contentFragment(doc).get(index) as Y.XmlElement).get(0) as Y.XmlText;

describe("the editor's binding to the content document", () => {
  it("rebuilds only the paragraph a colleague changed, keeping every other node as it was", () => {
    const { editor, theirs } = openShared();
    const before = editor.state.doc;
    paragraphText(theirs, 3).insert(0, "Updated: ");
    const after = editor.state.doc;
    expect(after.child(3).textContent).toBe(`Updated: ${PARAGRAPHS[3]}`);
    const kept = Array.from({ length: after.childCount }, (_, index) => after.child(index) === before.child(index));
    expect(kept.filter((same) => !same)).toHaveLength(1);
    expect(kept[3]).toBe(false);
  });

  it("does not rebuild the document when plugins are registered after mounting (as Tiptap's React view does)", () => {
    const { editor, theirs } = openShared();
    const before = editor.state.doc;
    editor.registerPlugin(new Plugin({ key: new PluginKey("late") }));
    for (let index = 0; index < before.childCount; index++) expect(editor.state.doc.child(index)).toBe(before.child(index));
    // The binding still follows the colleague, and the colleague still follows this editor.
    paragraphText(theirs, 0).insert(0, "Late: ");
    expect(editor.state.doc.child(0).textContent).toBe(`Late: ${PARAGRAPHS[0]}`);
    editor
      .chain()
      .setTextSelection(editor.state.doc.child(0).nodeSize + 1)
      .insertContent("Mine ")
      .run();
    expect(paragraphText(theirs, 1).toString()).toBe(`Mine ${PARAGRAPHS[1]}`);
  });
});
