// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { Node as PMNode } from "@tiptap/pm/model";
import { afterEach, describe, expect, it } from "vitest";
import { textToDoc } from "@/lib/articles/content";
import { articleExtensions, articleSchema } from "./extensions";
import { loneSurrogates, TextGuard } from "./text-guard";

const TEXT = "Ballots 🗳️ counted — “1,219”.";
let editor: Editor | undefined;
afterEach(() => editor?.destroy());

function open(canEditText: boolean) {
  editor = new Editor({
    element: document.createElement("div"),
    extensions: [...articleExtensions(), TextGuard.configure({ canEditText })],
    content: textToDoc(TEXT),
  });
  return editor;
}

describe("the text guard", () => {
  it("finds lone halves of surrogate pairs, and only those", () => {
    const doc = PMNode.fromJSON(articleSchema, textToDoc("a 🗳 b \uD83D c \uDDF3"));
    expect(loneSurrogates(doc, 0, doc.content.size)).toEqual([1 + "a 🗳 b ".length, 1 + "a 🗳 b \uD83D c ".length]);
  });

  it("removes the other half of an emoji a deletion cut in two", () => {
    const at = 1 + TEXT.indexOf("🗳");
    const edited = open(true);
    // From the space before the emoji to its middle: the high half goes, the low half is left alone.
    edited.commands.deleteRange({ from: at - 1, to: at + 1 });
    expect(edited.state.doc.textContent).toBe("Ballots\uFE0F counted — “1,219”.");
    expect(loneSurrogates(edited.state.doc, 0, edited.state.doc.content.size)).toEqual([]);
  });

  it("lets reviewers tag but not change the text", () => {
    const reviewer = open(false);
    reviewer.commands.deleteRange({ from: 1, to: 5 });
    reviewer.commands.insertContentAt(3, "xyz");
    expect(reviewer.state.doc.textContent).toBe(TEXT);
    reviewer.chain().setTextSelection({ from: 1, to: 8 }).setAnnotation("tag-1").run();
    expect(reviewer.state.doc.firstChild!.firstChild!.marks.map((mark) => mark.attrs.id)).toEqual(["tag-1"]);
  });

  it("composes typed text to NFC", () => {
    const edited = open(true);
    edited.view.someProp("handleTextInput", (handle) =>
      handle(edited.view, 1, 1, "e\u0301", () => edited.view.state.tr.insertText("e\u0301", 1, 1)),
    );
    expect(edited.state.doc.textContent.startsWith("é")).toBe(true);
    expect(edited.state.doc.textContent.startsWith("e\u0301")).toBe(false);
  });
});
