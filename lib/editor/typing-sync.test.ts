// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import * as Y from "yjs";
import { afterEach, describe, expect, it } from "vitest";
import { textToDoc } from "@/lib/articles/content";
import { CONTENT_FIELD } from "@/lib/collab/names";
import { contentFragment, seedContent } from "@/lib/tags/documents";
import { canonicalJSON } from "@/lib/testing/canonical-json";
import { random, type Random } from "@/lib/testing/random";
import { collaborationExtensions } from "./collaboration";
import { articleExtensions } from "./extensions";
import { typingSyncCounts } from "./typing-sync";

const TEXT = [
  "“We cannot keep asking families on Wharf Street to bail out their kitchens,” said Councillor Imani Osei. 🌊",
  "More than 1,200 residents — most of them renters — signed the petition 📝 by Tuesday.",
  "The council’s engineer, Ana Ruiz, said the wall would cost €4.1m; the mayor’s office disputed that figure.",
  "Nobody tagged this paragraph.",
].join("\n\n");

/** Tags on whole phrases (UTF-16 offsets into TEXT), some overlapping, one nested, one shared edge. */
const TAGS = [
  ["Wharf Street", 0],
  ["Councillor Imani Osei", 0],
  ["Imani Osei", 0],
  ["More than 1,200 residents", 0],
  ["1,200 residents — most", 0],
  ["petition 📝", 0],
  ["Ana Ruiz", 0],
  ["engineer, Ana", 0],
  ["€4.1m", 0],
].map(([words], index) => {
  const start = TEXT.indexOf(words as string);
  return { id: `tag-${index}`, span: { start, end: start + (words as string).length } };
});

const TYPED = ["a", " ", "e", "word ", "“", "”", "’", "—", "🎉", "é", "1,219"];

let editors: Editor[] = [];
afterEach(() => {
  editors.forEach((editor) => editor.destroy());
  editors = [];
});

/** Two editors on copies of one content document: Margin's binding, and y-tiptap's own as the reference. */
function openPair() {
  const fast = new Y.Doc();
  seedContent(fast, textToDoc(TEXT), TAGS);
  const reference = new Y.Doc();
  Y.applyUpdate(reference, Y.encodeStateAsUpdate(fast));
  const mine = new Editor({
    element: document.createElement("div"),
    extensions: [...articleExtensions(), ...collaborationExtensions(fast)],
  });
  const theirs = new Editor({
    element: document.createElement("div"),
    extensions: [...articleExtensions(), Collaboration.configure({ document: reference, field: CONTENT_FIELD })],
  });
  editors.push(mine, theirs);
  return { mine, theirs, fast, reference };
}

/** Every paragraph's Yjs text with its formatting, as Yjs reads it back. */
const deltas = (doc: Y.Doc) =>
  contentFragment(doc)
    .toArray()
    .map((block) => (block as Y.XmlElement).toArray().map((child) => (child instanceof Y.XmlText ? child.toDelta() : child.toString())));

/** Text positions in the document that are not inside a surrogate pair, and the edges of text nodes (tags' edges). */
function positionsIn(editor: Editor): { all: number[]; edges: number[] } {
  const all: number[] = [];
  const edges: number[] = [];
  editor.state.doc.descendants((node, pos) => {
    if (!node.isText) return true;
    const text = node.text!;
    for (let offset = 0; offset <= text.length; offset++) {
      const code = text.charCodeAt(offset);
      if (offset === text.length || code < 0xdc00 || code > 0xdfff) all.push(pos + offset);
    }
    edges.push(pos, pos + node.nodeSize);
    return false;
  });
  return { all, edges };
}

/** One random edit, the same in both editors: typing, deleting, replacing, splitting, tagging. */
function step(pair: ReturnType<typeof openPair>, rng: Random, index: number): void {
  const { all, edges } = positionsIn(pair.mine);
  const at = rng.chance(0.3) ? rng.pick(edges) : rng.pick(all);
  // A second position after `at` in the same paragraph, for ranges.
  const ends = all.filter((pos) => pos > at && pos <= Math.min(at + 6, pair.mine.state.doc.resolve(at).end()));
  const to = ends.length ? rng.pick(ends) : null;
  const run = (edit: (editor: Editor) => void) => [pair.mine, pair.theirs].forEach(edit);
  const kind = rng.int(10);
  if (kind < 5) {
    const text = rng.pick(TYPED);
    run((editor) => editor.chain().setTextSelection(at).insertContent(text).run());
  } else if (kind < 7) {
    if (to) run((editor) => editor.chain().deleteRange({ from: at, to }).run());
  } else if (kind < 8) {
    const text = rng.pick(TYPED);
    if (to) run((editor) => editor.chain().setTextSelection({ from: at, to }).insertContent(text).run());
  } else if (kind < 9) {
    run((editor) => editor.chain().setTextSelection(at).splitBlock().run());
  } else if (to) {
    run((editor) => editor.chain().setTextSelection({ from: at, to }).setAnnotation(`added-${index}`).run());
  }
}

describe("typing written to the content document as the edit it is", () => {
  it("leaves the content document exactly as y-tiptap's own diff would, through random edits around overlapping tags", () => {
    const before = { ...typingSyncCounts };
    for (const seed of [1, 2, 3]) {
      const pair = openPair();
      const rng = random(seed);
      for (let index = 0; index < 150; index++) {
        step(pair, rng, index);
        expect(canonicalJSON(pair.mine.state.doc)).toBe(canonicalJSON(pair.theirs.state.doc));
        expect(deltas(pair.fast)).toEqual(deltas(pair.reference));
      }
      // A third editor reading the fast path's document sees the same article.
      const reader = new Editor({
        element: document.createElement("div"),
        extensions: [...articleExtensions(), Collaboration.configure({ document: pair.fast, field: CONTENT_FIELD })],
      });
      editors.push(reader);
      expect(canonicalJSON(reader.state.doc)).toBe(canonicalJSON(pair.theirs.state.doc));
    }
    // Every path was taken: the fast one for plain typing and deleting, the mark's for new tags, y-tiptap's
    // for the rest.
    expect(typingSyncCounts.fast - before.fast).toBeGreaterThan(150);
    expect(typingSyncCounts.mark - before.mark).toBeGreaterThan(20);
    expect(typingSyncCounts.full - before.full).toBeGreaterThan(50);
  });

  it("keeps a tag from growing when typing at its end, and grows it when typing inside", () => {
    const { mine, fast } = openPair();
    const tagText = () => {
      let text = "";
      mine.state.doc.descendants((node) => {
        if (node.isText && node.marks.some((mark) => mark.attrs.id === "tag-6")) text += node.text;
      });
      return text;
    };
    const end = (() => {
      let found = 0;
      mine.state.doc.descendants((node, pos) => {
        if (node.isText && node.marks.some((mark) => mark.attrs.id === "tag-6")) found = pos + node.nodeSize;
      });
      return found;
    })();
    mine.chain().setTextSelection(end).insertContent("x").run();
    mine
      .chain()
      .setTextSelection(end - 5)
      .insertContent("é")
      .run();
    expect(tagText()).toBe("Anaé Ruiz");
    const reread = new Editor({
      element: document.createElement("div"),
      extensions: [...articleExtensions(), Collaboration.configure({ document: fast, field: CONTENT_FIELD })],
    });
    editors.push(reread);
    expect(canonicalJSON(reread.state.doc)).toBe(canonicalJSON(mine.state.doc));
  });

  it("writes a new tag as its words' formatting, and leaves anything more than that to y-tiptap", () => {
    const pair = openPair();
    const same = () => {
      expect(canonicalJSON(pair.mine.state.doc)).toBe(canonicalJSON(pair.theirs.state.doc));
      expect(deltas(pair.fast)).toEqual(deltas(pair.reference));
    };
    const run = (edit: (editor: Editor) => void) => [pair.mine, pair.theirs].forEach(edit);
    const at = (words: string) => {
      let found = 0;
      pair.mine.state.doc.descendants((node, pos) => {
        const index = node.isText ? node.text!.indexOf(words) : -1;
        if (!found && index >= 0) found = pos + index;
      });
      return found;
    };
    const counts = { ...typingSyncCounts };
    // Over other tags' edges, as a new tag on words partly tagged already.
    const from = at("1,200 residents");
    run((editor) =>
      editor
        .chain()
        .setTextSelection({ from: from - 4, to: from + 20 })
        .setAnnotation("new")
        .run(),
    );
    same();
    expect(typingSyncCounts.mark - counts.mark).toBe(1);
    // One mark on two separate runs of a paragraph at once: not one run of formatting.
    const type = pair.mine.schema.marks.annotation!;
    const [wall, mayor] = [at("the wall"), at("the mayor")];
    run((editor) =>
      editor.view.dispatch(
        editor.state.tr.addMark(wall, wall + 8, type.create({ id: "split" })).addMark(mayor, mayor + 9, type.create({ id: "split" })),
      ),
    );
    same();
    // Two tags at once on the same words.
    const ana = at("Ana Ruiz");
    run((editor) =>
      editor.view.dispatch(
        editor.state.tr.addMark(ana, ana + 8, type.create({ id: "one" })).addMark(ana, ana + 8, type.create({ id: "two" })),
      ),
    );
    same();
    expect(typingSyncCounts.mark - counts.mark).toBe(1);
    expect(typingSyncCounts.full - counts.full).toBe(2);
  });
});
