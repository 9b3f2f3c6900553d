import { Node as PMNode } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { articleSchema } from "@/lib/editor/extensions";
import { random, type Random } from "@/lib/testing/random";
import { readContentIncrementally } from "./content-reader";
import { readContent } from "./content-schema";
import { contentFragment, seedContent } from "./documents";
import { projectDocument } from "./projection";

const WORDS = ["the", "council", "said", "“waited”", "—", "1,219", "residents", "🇺🇦", "é", "again"];

/** Every Y.XmlText of the fragment, in document order. */
function texts(type: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  return type.toArray().flatMap((child) => (child instanceof Y.XmlText ? [child] : child instanceof Y.XmlElement ? texts(child) : []));
}

/** One random change as a client's editor could make it: typing, deleting, tagging, untagging, blocks added and removed. */
function change(doc: Y.Doc, rand: Random, step: number): void {
  const fragment = contentFragment(doc);
  const all = texts(fragment);
  const text = rand.pick(all);
  const at = rand.int(text.length + 1);
  switch (rand.int(7)) {
    case 0:
      text.insert(at, ` ${rand.pick(WORDS)}`);
      break;
    case 1:
      if (text.length > 2) text.delete(Math.min(at, text.length - 2), 1 + rand.int(2));
      break;
    case 2:
    case 3:
      if (text.length > 1) {
        const from = Math.min(at, text.length - 1);
        text.format(from, 1 + rand.int(text.length - from), { [`annotation--${String(step).padStart(8, "0")}`]: { id: `t${step}` } });
      }
      break;
    case 4: {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(`new ${rand.pick(WORDS)}`)]);
      fragment.insert(rand.int(fragment.length + 1), [paragraph]);
      break;
    }
    case 5:
      if (fragment.length > 2) fragment.delete(rand.int(fragment.length), 1);
      break;
    default: {
      // Several blocks changed in one transaction, as a paste or a split does.
      doc.transact(() => {
        for (const other of [rand.pick(all), rand.pick(all)]) other.insert(0, "x");
      });
    }
  }
}

describe("reading the content incrementally", () => {
  it("builds the document readContent builds, and the same projection, after every random change", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rand = random(seed);
      const doc = new Y.Doc();
      seedContent(
        doc,
        {
          type: "doc",
          content: [
            { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "A “headline” — 🇺🇦" }] },
            { type: "paragraph", content: [{ type: "text", text: "First paragraph with words." }] },
            {
              type: "bulletList",
              content: [
                { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "an item" }] }] },
                { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "another item" }] }] },
              ],
            },
            { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "a quoted line" }] }] },
            { type: "paragraph", content: [{ type: "text", text: "Last words" }, { type: "hardBreak" }, { type: "text", text: "here." }] },
          ],
        },
        [],
      );
      for (let step = 0; step < 60; step++) {
        change(doc, rand, step);
        const incremental = readContentIncrementally(contentFragment(doc));
        const whole = readContent(contentFragment(doc));
        expect(incremental.toJSON(), `seed ${seed}, step ${step}`).toEqual(whole.toJSON());
        // Projected from the kept nodes (cached per node) and from a fresh copy of every node.
        const kept = projectDocument(incremental);
        const fresh = projectDocument(PMNode.fromJSON(articleSchema, whole.toJSON()));
        expect(kept.text).toBe(fresh.text);
        expect([...kept.spans]).toEqual([...fresh.spans]);
        expect(kept.positions).toEqual(fresh.positions);
        // Read position by position from a projection whose array was never built, too.
        const lazy = projectDocument(PMNode.fromJSON(articleSchema, whole.toJSON()));
        expect(Array.from({ length: lazy.text.length + 1 }, (_, at) => lazy.positionAt(at))).toEqual(fresh.positions);
        expect(kept.content).toEqual(fresh.content);
        expect(kept.contentKey).toBe(fresh.contentKey);
      }
    }
  });

  it("reads a change made inside a transaction that has not ended yet", () => {
    const doc = new Y.Doc();
    seedContent(doc, { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "before" }] }] }, []);
    readContentIncrementally(contentFragment(doc));
    doc.transact(() => {
      texts(contentFragment(doc))[0]!.insert(0, "now ");
      expect(projectDocument(readContentIncrementally(contentFragment(doc))).text).toBe("now before");
    });
    expect(projectDocument(readContentIncrementally(contentFragment(doc))).text).toBe("now before");
  });
});
