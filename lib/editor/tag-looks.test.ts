// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { textToDoc } from "@/lib/articles/content";
import { articleExtensions } from "./extensions";
import { TagLabels } from "./tag-labels";
import { TagLooks, type TagLook } from "./tag-looks";

// Three paragraphs; "ana" is tagged twice (two elements), the others once.
const TEXT = "Ana Ruiz, the clerk, counted 1,219 ballots.\n\nMore than 200 volunteers waited.\n\nAna Ruiz thanked them.";

/** The page's side, as the article page has it: records in a tags map, a tag being recorded, the filters. */
function page() {
  const doc = new Y.Doc();
  const records = doc.getMap<{ label: string; status?: string }>("tags");
  const pending = new Map<string, string>();
  let hidden = new Set<string>();
  const lookOf = (id: string): TagLook => {
    const label = records.get(id)?.label ?? pending.get(id);
    if (!label) return [];
    const look = [`look--${label}`];
    const status = records.get(id)?.status;
    if (status) look.push(`look--${status}`);
    if (pending.has(id)) look.push("look--pending");
    if (label && hidden.has(label)) look.push("look--hidden");
    return look;
  };
  const looks = new TagLooks(lookOf);
  return {
    doc,
    records,
    pending,
    looks,
    hide: (labels: string[]) => {
      hidden = new Set(labels);
      looks.refreshAll();
    },
  };
}

let editor: Editor | undefined;
afterEach(() => editor?.destroy());

function open(looks: TagLooks, labelOf: (id: string) => string | undefined = () => undefined) {
  editor = new Editor({
    element: document.createElement("div"),
    extensions: [
      ...articleExtensions({ looks }),
      TagLabels.configure({
        looks,
        labelOf: (id) => {
          const name = labelOf(id);
          return name ? { name, kind: name } : null;
        },
      }),
    ],
    content: textToDoc(TEXT),
  });
  return editor;
}

/** Marks the `occurrence`th `words` (within one text node) with tag `id`, as the tagging does. */
function mark(words: string, id: string, occurrence = 0) {
  let found: { from: number; to: number } | null = null;
  let count = 0;
  editor!.state.doc.descendants((node, pos) => {
    if (found || !node.isText) return !found;
    const index = node.text!.indexOf(words);
    if (index >= 0 && count++ === occurrence) found = { from: pos + index, to: pos + index + words.length };
    return false;
  });
  editor!.chain().setTextSelection(found!).setAnnotation(id).run();
}

const elementsOf = (id: string) => [...editor!.view.dom.querySelectorAll(`[data-annotation-id="${id}"]`)];
const classesOf = (element: Element) => [...element.classList].filter((name) => name.startsWith("look--")).sort();

/** The elements whose class attribute `change` writes to, as "id" or "label:id". */
function touchedBy(change: () => void): string[] {
  const observer = new MutationObserver(() => {});
  observer.observe(editor!.view.dom, { attributes: true, attributeFilter: ["class"], subtree: true });
  change();
  const records = observer.takeRecords();
  observer.disconnect();
  return [
    ...new Set(
      records.map((record) => {
        const element = record.target as HTMLElement;
        return element.dataset.annotationId ?? `label:${[...element.classList].find((name) => name.startsWith("tag-label-"))!.slice(10)}`;
      }),
    ),
  ].sort();
}

describe("tags' looks as classes on their own elements", () => {
  it("gives a new tag its look in the same transaction that marks it, on its marks and its name", () => {
    const { looks, pending } = page();
    open(looks, (id) => pending.get(id));
    // What the tagging does: the label is known before the mark, and before any answer from the server.
    pending.set("new", "actor");
    looks.refresh(["new"]);
    mark("Ana Ruiz", "new");
    expect(elementsOf("new").map(classesOf)).toEqual([["look--actor", "look--pending"]]);
    expect(elementsOf("new")[0]!.className).toContain("margin-tag tag-new");
    const name = editor!.view.dom.querySelector(".margin-tag-label")!;
    expect(name.getAttribute("data-label")).toBe("actor");
    expect(classesOf(name)).toEqual(["look--actor", "look--pending"]);
  });

  it("restyles only the changed tag's elements when its record changes (relabel, decision), following the tags map", () => {
    const { looks, records } = page();
    records.set("ana", { label: "actor" });
    records.set("count", { label: "figure" });
    records.set("crowd", { label: "figure" });
    open(looks);
    mark("Ana Ruiz", "ana");
    mark("Ana Ruiz", "ana", 1);
    mark("1,219 ballots", "count");
    mark("200 volunteers", "crowd");
    const stop = looks.follow(records);
    expect(elementsOf("ana").map(classesOf)).toEqual([["look--actor"], ["look--actor"]]);

    expect(touchedBy(() => records.set("ana", { label: "claim" }))).toEqual(["ana"]);
    expect(elementsOf("ana").map(classesOf)).toEqual([["look--claim"], ["look--claim"]]);
    expect(elementsOf("count").map(classesOf)).toEqual([["look--figure"]]);

    expect(touchedBy(() => records.set("count", { label: "figure", status: "accepted" }))).toEqual(["count"]);
    expect(elementsOf("count").map(classesOf)).toEqual([["look--accepted", "look--figure"]]);
    // A change that changes no look (a note) writes nothing.
    expect(touchedBy(() => records.set("crowd", { label: "figure" }))).toEqual([]);
    // A deleted record: its marks, still in the text until the server tidies them, show unstyled.
    expect(touchedBy(() => records.delete("crowd"))).toEqual(["crowd"]);
    expect(elementsOf("crowd").map(classesOf)).toEqual([[]]);
    stop();
    records.set("ana", { label: "quote" });
    expect(elementsOf("ana").map(classesOf)).toEqual([["look--claim"], ["look--claim"]]);
  });

  it("hides and shows by the filters only the tags whose look they change, names included", () => {
    const { looks, records, hide } = page();
    records.set("ana", { label: "actor" });
    records.set("count", { label: "figure" });
    open(looks, (id) => records.get(id)?.label);
    mark("Ana Ruiz", "ana");
    mark("1,219 ballots", "count");
    expect(touchedBy(() => hide(["figure"]))).toEqual(["count", "label:count"]);
    expect(elementsOf("count").map(classesOf)).toEqual([["look--figure", "look--hidden"]]);
    expect(elementsOf("ana").map(classesOf)).toEqual([["look--actor"]]);
    expect(touchedBy(() => hide([]))).toEqual(["count", "label:count"]);
    expect(elementsOf("count").map(classesOf)).toEqual([["look--figure"]]);
  });

  it("keeps exactly the elements on the page registered as ProseMirror rebuilds and destroys mark views", () => {
    const { looks, records } = page();
    records.set("ana", { label: "actor" });
    records.set("count", { label: "figure" });
    open(looks, (id) => records.get(id)?.label);
    mark("Ana Ruiz", "ana");
    mark("1,219 ballots", "count");
    const registered = (id: string) => [...looks.elementsOf(id)].filter((element) => element.dataset.annotationId);
    // Typing inside and around the tag redraws its words: new mark views, the old ones destroyed.
    editor!.chain().setTextSelection(3).insertContent("n").run();
    editor!.chain().setTextSelection(1).insertContent("Dr ").run();
    // A tag cut in two by marking part of its words with another tag: two elements, both looked after.
    mark("Ruiz", "ruiz");
    for (const id of ["ana", "count"]) {
      expect(new Set(registered(id))).toEqual(new Set(elementsOf(id)));
    }
    expect(elementsOf("ana").length).toBeGreaterThan(0);
    expect(
      elementsOf("ana")
        .map(classesOf)
        .every((classes) => classes.join() === "look--actor"),
    ).toBe(true);
    // Its mark taken off (the server refused it, or it was deleted): nothing of it stays registered.
    editor!.commands.unsetAnnotation("ana");
    expect(looks.elementsOf("ana").size).toBe(0);
    editor!.destroy();
    expect(looks.elementsOf("count").size).toBe(0);
  });

  it("asks a tag's look afresh when it shows again after its elements were all gone", () => {
    const { looks, records } = page();
    records.set("ana", { label: "actor" });
    open(looks);
    mark("Ana Ruiz", "ana");
    editor!.commands.unsetAnnotation("ana");
    // Changed while nothing showed it (no refresh reaches a tag without elements).
    records.set("ana", { label: "quote" });
    mark("Ana Ruiz", "ana");
    expect(elementsOf("ana").map(classesOf)).toEqual([["look--quote"]]);
  });
});
