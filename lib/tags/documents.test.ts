import { Node as PMNode } from "@tiptap/pm/model";
import { Transform } from "@tiptap/pm/transform";
import { prosemirrorToYXmlFragment } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { blocksToDoc, textToDoc } from "@/lib/articles/content";
import { ANNOTATION_MARK } from "@/lib/editor/annotation-mark";
import { articleSchema } from "@/lib/editor/extensions";
import {
  contentFragment,
  contentRoot,
  editContent,
  markSpan,
  projectContent,
  readTags,
  seedContent,
  syncTagsView,
  unmarkTag,
  writeTag,
  deleteTag,
  deletedTags,
} from "./documents";
import { projectDocument, rangeOf } from "./projection";

const text = "The council voted 7–2 — “a historic night,” said Imani Osei. 🌊\n\nWork starts in 2027.";

function seeded() {
  const doc = new Y.Doc();
  const at = (word: string) => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length });
  seedContent(doc, textToDoc(text), [
    { id: "actor", span: at("Imani Osei") },
    { id: "quote", span: at("“a historic night,”") },
  ]);
  return doc;
}

function sliceOf(doc: Y.Doc, id: string) {
  const projection = projectContent(doc);
  const span = projection.spans.get(id);
  return span ? projection.text.slice(span.start, span.end) : null;
}

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe("article documents", () => {
  it("seed the text with its tags and read both back", () => {
    const doc = seeded();
    expect(projectContent(doc).text).toBe(text);
    expect(sliceOf(doc, "actor")).toBe("Imani Osei");
    expect(sliceOf(doc, "quote")).toBe("“a historic night,”");
  });

  it("seed marks as ProseMirror's own steps would, across headings, lists, line breaks and overlaps", () => {
    const content = blocksToDoc([
      { kind: "heading", level: 2, inlines: [{ type: "text", text: "Flood “waters” rise 🌊" }] },
      {
        kind: "paragraph",
        inlines: [
          { type: "text", text: "Imani Osei, " },
          { type: "text", text: "the mayor", marks: [{ type: "italic" }] },
          { type: "hardBreak" },
          { type: "text", text: "said 1,219 homes — “all of them” — flooded." },
        ],
      },
      { kind: "bullet", inlines: [{ type: "text", text: "First item of a list" }] },
      { kind: "bullet", inlines: [{ type: "text", text: "Second item" }] },
    ]);
    const root = PMNode.fromJSON(articleSchema, content);
    const { text } = projectDocument(root);
    const span = (from: string, to: string) => ({ start: text.indexOf(from), end: text.indexOf(to) + to.length });
    const spans = [
      { id: "heading", span: span("“waters”", "🌊") },
      { id: "across-break", span: span("the mayor", "said") },
      { id: "nested", span: span("mayor", "mayor") },
      { id: "same-words", span: span("mayor", "mayor") },
      { id: "across-blocks", span: span("flooded", "First") },
      { id: "list", span: span("item of", "Second item") },
      { id: "breaks-only", span: { start: text.indexOf("\n\n"), end: text.indexOf("\n\n") + 2 } },
    ];
    // The reference: a Transform step per tag.
    const projection = projectDocument(root);
    const tr = new Transform(root);
    for (const {
      id,
      span: { start, end },
    } of spans) {
      const range = rangeOf(projection, start, end);
      if (range) tr.addMark(range.from, range.to, articleSchema.marks[ANNOTATION_MARK]!.create({ id }));
    }
    const reference = new Y.Doc();
    prosemirrorToYXmlFragment(tr.doc, contentFragment(reference));

    const seeded = new Y.Doc();
    seedContent(seeded, content, spans);
    expect(contentRoot(seeded).toJSON()).toEqual(contentRoot(reference).toJSON());
    const sliced = projectContent(seeded);
    expect(Object.fromEntries([...sliced.spans].map(([id, at]) => [id, sliced.text.slice(at.start, at.end)]))).toEqual({
      heading: "“waters” rise 🌊",
      "across-break": "the mayor\nsaid",
      nested: "mayor",
      "same-words": "mayor",
      "across-blocks": "flooded.\n\nFirst",
      list: "item of a list\n\nSecond item",
    });
  });

  it("mark and unmark spans, overlapping tags included", () => {
    const doc = seeded();
    const start = text.indexOf("historic");
    expect(markSpan(doc, "overlap", { start, end: text.indexOf("Osei") + 4 })).toBe(true);
    expect(sliceOf(doc, "overlap")).toBe("historic night,” said Imani Osei");
    expect(sliceOf(doc, "quote")).toBe("“a historic night,”");
    unmarkTag(doc, "quote");
    expect(sliceOf(doc, "quote")).toBeNull();
    expect(sliceOf(doc, "overlap")).toBe("historic night,” said Imani Osei");
    expect(markSpan(doc, "breaks", { start: text.indexOf("\n\n"), end: text.indexOf("\n\n") + 2 })).toBe(false);
  });

  it("keep tags on their words through a concurrent correction before them and a paragraph split inside them", () => {
    const a = seeded();
    const b = new Y.Doc();
    sync(a, b);
    // A corrects a word before the quote; B splits the paragraph in the middle of "Imani Osei".
    editContent(a, (tr, projection) => {
      const at = projection.positions[text.indexOf("council")]!;
      tr.insert(at, articleSchema.text("city "));
    });
    editContent(b, (tr, projection) => {
      tr.split(projection.positions[text.indexOf("Osei")]!);
    });
    sync(a, b);
    const merged = projectContent(a).text;
    expect(projectContent(b).text).toBe(merged);
    expect(merged).toBe("The city council voted 7–2 — “a historic night,” said Imani\n\nOsei. 🌊\n\nWork starts in 2027.");
    expect(sliceOf(a, "quote")).toBe("“a historic night,”");
    // The split moved "Osei" into a new paragraph: the tag still covers both words.
    expect(sliceOf(b, "actor")).toBe("Imani\n\nOsei");
  });

  it("orphan a tag whose words are all deleted; the tag's record stays", () => {
    const doc = seeded();
    const tagsDoc = new Y.Doc();
    writeTag(tagsDoc, "actor", {
      label: "actor",
      authorId: "u1",
      authorName: "Ana",
      createdAt: "2026-11-22T00:00:00Z",
      updatedAt: "2026-11-22T00:00:00Z",
      attributes: {},
      note: null,
    });
    editContent(doc, (tr, projection) => {
      const start = text.indexOf(" said Imani Osei");
      tr.delete(projection.positions[start]!, projection.positions[start + " said Imani Osei".length]!);
    });
    expect(sliceOf(doc, "actor")).toBeNull();
    expect(readTags(tagsDoc).get("actor")).toMatchObject({ label: "actor", authorName: "Ana" });
  });

  it("keep a blind annotator's view equal to a whole derivation when only the changed ids are brought over", () => {
    const source = new Y.Doc();
    const view = new Y.Doc();
    const whole = new Y.Doc();
    const person = (id: string) => ({ id, name: id });
    const changed = new Set<string>();
    const note = (event: Y.YMapEvent<unknown>) => event.keysChanged.forEach((id) => changed.add(id));
    source.getMap("tags").observe(note);
    source.getMap("deleted").observe(note);
    const steps: (() => void)[] = [
      () =>
        writeTag(source, "mine", { label: "actor", authorId: "ana", authorName: "ana", createdAt: "t", updatedAt: "t", attributes: {} }),
      () =>
        writeTag(source, "theirs", { label: "claim", authorId: "li", authorName: "li", createdAt: "t", updatedAt: "t", attributes: {} }),
      () => writeTag(source, "mine", { label: "quote" }),
      // Merged with a colleague's: still hers, now with two annotators.
      () => writeTag(source, "theirs", { annotators: [person("li"), person("ana")] }),
      // No longer hers.
      () => writeTag(source, "mine", { annotators: [person("li")] }),
      () => deleteTag(source, "theirs", "2026-12-06T10:00:00.000Z"),
    ];
    for (const step of steps) {
      changed.clear();
      step();
      syncTagsView(view, source, "ana", changed);
      syncTagsView(whole, source, "ana");
      expect(readTags(view)).toEqual(readTags(whole));
      expect([...deletedTags(view).keys()].sort()).toEqual([...deletedTags(whole).keys()].sort());
    }
    expect([...deletedTags(view).keys()]).toEqual(["theirs"]);
  });
});
