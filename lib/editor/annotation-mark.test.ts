// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { afterEach, describe, expect, it } from "vitest";
import { textToDoc } from "@/lib/articles/content";
import { projectDocument } from "@/lib/tags/projection";
import { ANNOTATION_MARK } from "./annotation-mark";
import { articleExtensions } from "./extensions";

let editor: Editor | undefined;
afterEach(() => editor?.destroy());

function open(text: string) {
  editor = new Editor({ element: document.createElement("div"), extensions: articleExtensions(), content: textToDoc(text) });
  return editor;
}

const tagsOf = (doc: PMNode) =>
  [...projectDocument(doc).spans]
    .map(([id, span]) => [id, projectDocument(doc).text.slice(span.start, span.end)])
    .sort((a, b) => a[0]!.localeCompare(b[0]!));

describe("the annotation mark", () => {
  it("lets tags overlap and nest, each keeping its own words", () => {
    const edited = open("Ana Ruiz, the county clerk, said so.");
    edited.chain().setTextSelection({ from: 1, to: 9 }).setAnnotation("name").run();
    edited.chain().setTextSelection({ from: 1, to: 27 }).setAnnotation("actor").run();
    edited.chain().setTextSelection({ from: 5, to: 27 }).setAnnotation("same-words-other-person").run();
    expect(tagsOf(edited.state.doc)).toEqual([
      ["actor", "Ana Ruiz, the county clerk"],
      ["name", "Ana Ruiz"],
      ["same-words-other-person", "Ruiz, the county clerk"],
    ]);
    edited.commands.unsetAnnotation("actor");
    expect(tagsOf(edited.state.doc).map(([id]) => id)).toEqual(["name", "same-words-other-person"]);
  });

  it("renders each tag as the element its HTML describes: the tag's class and id", () => {
    const edited = open("Ana Ruiz said so.");
    edited
      .chain()
      .setTextSelection({ from: 1, to: 9 })
      .setAnnotation("ana")
      .setTextSelection({ from: 5, to: 9 })
      .setAnnotation("ruiz")
      .run();
    const spans = [...edited.view.dom.querySelectorAll("span[data-annotation-id]")];
    expect(spans.map((span) => [span.getAttribute("data-annotation-id"), span.className, span.textContent])).toEqual([
      ["ana", "margin-tag tag-ana", "Ana Ruiz"],
      ["ruiz", "margin-tag tag-ruiz", "Ruiz"],
    ]);
    // The editor's own view and its HTML (copying, the server) agree.
    expect(edited.getHTML()).toContain('<span class="margin-tag tag-ana" data-annotation-id="ana">');
  });

  it("does not grow when words are typed right after it", () => {
    const edited = open("Ana said so.");
    edited.chain().setTextSelection({ from: 1, to: 4 }).setAnnotation("ana").setTextSelection(4).run();
    edited.commands.insertContent(" Ruiz");
    expect(tagsOf(edited.state.doc)).toEqual([["ana", "Ana"]]);
  });

  it("keeps marks off line breaks, which the shared document cannot hold", () => {
    const edited = open("First line\nsecond line");
    const breakAt = 1 + "First line".length;
    edited
      .chain()
      .setTextSelection({ from: 1, to: breakAt + 5 })
      .setAnnotation("both-lines")
      .run();
    const lineBreak = edited.state.doc.nodeAt(breakAt)!;
    expect(lineBreak.type.name).toBe("hardBreak");
    expect(lineBreak.marks.some((mark) => mark.type.name === ANNOTATION_MARK)).toBe(false);
    expect(tagsOf(edited.state.doc)).toEqual([["both-lines", "First line\nseco"]]);
  });

  it("drops a pasted copy's marks of tags still in the text, and keeps those of words cut and pasted", () => {
    const edited = open("Ana Ruiz said so. Later, more.");
    edited.chain().setTextSelection({ from: 1, to: 9 }).setAnnotation("ana").run();
    const copied = '<p><span class="margin-tag" data-annotation-id="ana">Ana Ruiz</span></p>';
    edited.commands.setTextSelection(edited.state.doc.content.size - 1);
    edited.view.pasteHTML(copied);
    expect(tagsOf(edited.state.doc)).toEqual([["ana", "Ana Ruiz"]]);
    expect(edited.state.doc.textContent).toBe("Ana Ruiz said so. Later, more.Ana Ruiz");

    // Cut: the tag is no longer in the text, so pasting puts it where the words go.
    edited.chain().setTextSelection({ from: 1, to: 10 }).deleteSelection().run();
    edited.commands.setTextSelection(edited.state.doc.content.size - 1);
    edited.view.pasteHTML('<p><span class="margin-tag" data-annotation-id="moved">Ana Ruiz</span></p>');
    expect(tagsOf(edited.state.doc)).toEqual([["moved", "Ana Ruiz"]]);
  });
});
