// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { afterEach, describe, expect, it } from "vitest";
import { textToDoc } from "@/lib/articles/content";
import { ANNOTATION_MARK } from "./annotation-mark";
import { articleExtensions } from "./extensions";
import { TagLabels, tagLabelsKey } from "./tag-labels";
import { TagLooks } from "./tag-looks";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the clerk.\n\nMore than 200 volunteers waited.";
let editor: Editor;
const names = new Map([
  ["quote", "Quote"],
  ["ana", "Actor"],
  ["count", "Figure"],
]);
const labelOf = (id: string) => {
  const name = names.get(id);
  return name ? { name, kind: name.toLowerCase() } : null;
};

/** With `looks`, the labels register there and a changed tag's paragraphs are found through its elements. */
function open(looks: TagLooks | null = null) {
  editor = new Editor({
    extensions: [...articleExtensions(looks ? { looks } : {}), TagLabels.configure({ labelOf, looks })],
    content: textToDoc(TEXT),
  });
  const mark = (words: string, id: string) => {
    const from = 1 + TEXT.indexOf(words);
    editor
      .chain()
      .setTextSelection({ from, to: from + words.length })
      .setMark(ANNOTATION_MARK, { id })
      .run();
  };
  mark("“We counted 1,219 ballots,”", "quote");
  mark("1,219 ballots", "count");
  mark("Ana Ruiz", "ana");
}

/** Each label widget as "name@text offset", in document order. */
function labels(): string[] {
  const set = tagLabelsKey.getState(editor.state)!;
  return set
    .find()
    .map((decoration) => `${(decoration.spec as { key: string }).key.split(":")[1]}@${decoration.from - 1}`)
    .sort((a, b) => Number(a.split("@")[1]) - Number(b.split("@")[1]));
}

afterEach(() => editor?.destroy());

describe("label names on the text", () => {
  it("sit where each tag starts, nested and overlapping tags included, and never in the text", () => {
    open();
    expect(labels()).toEqual([`Quote@0`, `Figure@${TEXT.indexOf("1,219")}`, `Actor@${TEXT.indexOf("Ana")}`]);
    expect(editor.state.doc.textContent).toBe(TEXT.replace("\n\n", ""));
    expect(editor.view.dom.querySelectorAll(".margin-tag-label").length).toBe(3);
  });

  it("stay on every tag when a colleague's keystroke arrives as a replacement of the whole document", () => {
    open();
    const before = labels();
    // As y-tiptap applies a remote change: the whole content replaced, unchanged nodes kept as they are.
    const doc = editor.state.doc;
    const last = doc.child(doc.childCount - 1);
    const changed = last.copy(last.content.addToEnd(editor.schema.text(" Really.")));
    const content = doc.content.replaceChild(doc.childCount - 1, changed);
    editor.view.dispatch(editor.state.tr.replaceWith(0, doc.content.size, content));
    expect(labels()).toEqual(before);
    // And when it re-applies what the editor has already: nothing changes.
    editor.view.dispatch(editor.state.tr.replaceWith(0, editor.state.doc.content.size, editor.state.doc.content));
    expect(labels()).toEqual(before);
  });

  it("move with edits, follow a tag moved, and change when the page says the tags changed", () => {
    open();
    editor.view.dispatch(editor.state.tr.insertText("Late: ", 1));
    expect(labels()[0]).toBe("Quote@6");
    // Typing in another paragraph keeps them as they are.
    editor.view.dispatch(editor.state.tr.insertText("Over ", editor.state.doc.content.size - 2));
    expect(labels()).toHaveLength(3);
    // The actor's mark moves to "the clerk".
    const type = editor.schema.marks[ANNOTATION_MARK]!;
    const text = editor.state.doc.textContent;
    editor.view.dispatch(
      editor.state.tr
        .removeMark(0, editor.state.doc.content.size, type.create({ id: "ana" }))
        .addMark(1 + text.indexOf("the clerk"), 1 + text.indexOf("the clerk") + 9, type.create({ id: "ana" })),
    );
    expect(labels()).toContain(`Actor@${text.indexOf("the clerk")}`);
    names.set("ana", "Claim");
    // The page names the tags that changed: only their blocks are looked at again.
    editor.view.dispatch(editor.state.tr.setMeta(tagLabelsKey, { ids: new Set(["ana"]) }));
    expect(labels()).toContain(`Claim@${text.indexOf("the clerk")}`);
    expect(labels()).toHaveLength(3);
    editor.view.dispatch(editor.state.tr.setMeta(tagLabelsKey, { blocks: [0, editor.state.doc.childCount] }));
    expect(labels()).toContain(`Claim@${text.indexOf("the clerk")}`);
    names.set("ana", "Actor");
  });

  it("find a changed tag's paragraphs through its elements when the page keeps the tags' looks", () => {
    const looks = new TagLooks(() => []);
    open(looks);
    const text = editor.state.doc.textContent;
    // "count" moves to the second paragraph, and "ana" is also in it.
    const type = editor.schema.marks[ANNOTATION_MARK]!;
    const at = (words: string) => 1 + 2 + text.indexOf(words);
    editor.view.dispatch(
      editor.state.tr
        .removeMark(0, editor.state.doc.content.size, type.create({ id: "count" }))
        .addMark(at("200 volunteers"), at("200 volunteers") + 14, type.create({ id: "count" }))
        .addMark(at("waited"), at("waited") + 6, type.create({ id: "ana" })),
    );
    expect(labels()).toEqual([
      `Quote@0`,
      `Actor@${TEXT.indexOf("Ana")}`,
      `Figure@${TEXT.indexOf("200")}`,
      `Actor@${TEXT.indexOf("waited")}`,
    ]);
    names.set("ana", "Claim");
    names.set("count", "Quote");
    editor.view.dispatch(editor.state.tr.setMeta(tagLabelsKey, { ids: new Set(["ana", "count"]) }));
    expect(labels()).toEqual([
      `Quote@0`,
      `Claim@${TEXT.indexOf("Ana")}`,
      `Quote@${TEXT.indexOf("200")}`,
      `Claim@${TEXT.indexOf("waited")}`,
    ]);
    // A tag deleted: its names go, its marks stay until the server tidies them.
    names.delete("count");
    editor.view.dispatch(editor.state.tr.setMeta(tagLabelsKey, { ids: new Set(["count"]) }));
    expect(labels()).toEqual([`Quote@0`, `Claim@${TEXT.indexOf("Ana")}`, `Claim@${TEXT.indexOf("waited")}`]);
    names.set("ana", "Actor");
    names.set("count", "Figure");
  });
});
