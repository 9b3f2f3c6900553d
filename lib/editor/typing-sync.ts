/**
 * A fast way for the editor's own typing to reach the content document. y-tiptap writes every local
 * ProseMirror change to Yjs by re-diffing the changed paragraph as a whole: it reads the paragraph's Yjs
 * text and formatting, hashes every tag mark in it (SHA-256, since tags may overlap), and reapplies the
 * formatting of every run of text. On a newsroom article that was a tenth of each keystroke (about 1 ms of
 * 10, more in a paragraph dense with tags; bench/editor.ts).
 *
 * The common change is simpler: one paragraph's text gains or loses characters and no tag starts, ends or
 * changes anywhere else. Then Yjs needs only the deletion and the insertion, and an insertion takes the
 * formatting of the character before it, as ProseMirror gave it the marks of that character. Anything else
 * (a paragraph split or joined, a tag added or removed, typing at a tag's edge, where ProseMirror does not
 * extend the tag but Yjs would) returns false and takes y-tiptap's own path. The convergence tests run
 * both paths through thousands of random edits; lib/editor/typing-sync.test.ts compares them directly.
 */
import { Mark, type Node as PMNode } from "@tiptap/pm/model";
import { simpleDiff } from "lib0/diff";
import * as Y from "yjs";
import { forEachChildType } from "@/lib/upstream/yjs";

/** The part of y-tiptap's binding this uses: the content fragment and its Yjs → ProseMirror mapping. */
export type SyncedBinding = {
  doc: Y.Doc;
  type: Y.XmlFragment;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- y-tiptap keys it by every kind of Yjs type
  mapping: Map<Y.AbstractType<any>, PMNode | PMNode[]>;
};

/** How often each path was taken in this page: tests check both are used. */
export const typingSyncCounts = { fast: 0, full: 0 };

type Step = { end: number; marks: readonly Mark[] };

/** The marks of a run of text nodes as steps: each node's end offset and its marks. */
function stepsOf(nodes: readonly PMNode[]): Step[] {
  let end = 0;
  return nodes.map((node) => ({ end: (end += node.text!.length), marks: node.marks }));
}

/** Whether the characters of `a` from `aFrom` and of `b` from `bFrom` carry the same marks, over `length`. */
function sameMarks(a: Step[], aFrom: number, b: Step[], bFrom: number, length: number): boolean {
  let i = 0;
  let j = 0;
  for (let done = 0; done < length;) {
    while (a[i]!.end <= aFrom + done) i++;
    while (b[j]!.end <= bFrom + done) j++;
    if (!Mark.sameSet(a[i]!.marks as Mark[], b[j]!.marks as Mark[])) return false;
    done = Math.min(a[i]!.end - aFrom, b[j]!.end - bFrom);
  }
  return true;
}

/**
 * Writes `doc`, which differs from what the binding last synced by an edit of one paragraph's text, to the
 * content document as that edit (inside the caller's transaction). False, having written nothing, for any
 * other change.
 */
export function syncTextEdit(binding: SyncedBinding, doc: PMNode): boolean {
  const { type: fragment, mapping } = binding;
  if (fragment.length !== doc.childCount) return false;
  let changed = -1;
  let index = 0;
  let several = false;
  // Every keystroke: walked without building toArray()'s array of the article's paragraphs.
  forEachChildType(fragment, (block) => {
    if (mapping.get(block) !== doc.child(index)) {
      if (changed >= 0) {
        several = true;
        return false;
      }
      changed = index;
    }
    index++;
  });
  if (changed < 0 || several) return false;
  const yBlock = fragment.get(changed);
  const block = doc.child(changed);
  const old = mapping.get(yBlock);
  if (!(yBlock instanceof Y.XmlElement) || !old || Array.isArray(old) || !old.sameMarkup(block) || yBlock.length !== 1) return false;
  const ytext = yBlock.get(0);
  const before = ytext instanceof Y.XmlText ? mapping.get(ytext) : undefined;
  if (!Array.isArray(before) || !before.length || !block.childCount) return false;
  const after: PMNode[] = [];
  for (let child = 0; child < block.childCount; child++) {
    const node = block.child(child);
    if (!node.isText) return false;
    after.push(node);
  }
  const oldText = before.map((node) => node.text!).join("");
  // The mapping mirrors the Yjs text unless something changed it unseen: then let y-tiptap look.
  if ((ytext as Y.XmlText).length !== oldText.length) return false;
  const newText = block.textContent;
  const edit = simpleDiff(oldText, newText);
  if (!edit.remove && !edit.insert) return false;
  const oldSteps = stepsOf(before);
  const newSteps = stepsOf(after);
  const inserted = edit.insert.length;
  // Untouched text keeps its marks, before and after the edit.
  if (!sameMarks(oldSteps, 0, newSteps, 0, edit.index)) return false;
  if (!sameMarks(oldSteps, edit.index + edit.remove, newSteps, edit.index + inserted, oldText.length - edit.index - edit.remove))
    return false;
  if (inserted) {
    // The inserted text has one set of marks, the one Yjs will give it: the previous character's.
    const marks = newSteps.find((step) => step.end > edit.index)!.marks;
    if (!sameMarks(newSteps, edit.index, [{ end: inserted, marks }], 0, inserted)) return false;
    const inherited = edit.index > 0 ? oldSteps.find((step) => step.end >= edit.index)!.marks : Mark.none;
    if (!Mark.sameSet(marks as Mark[], inherited as Mark[])) return false;
  }
  const text = ytext as Y.XmlText;
  if (edit.remove) text.delete(edit.index, edit.remove);
  if (inserted) text.insert(edit.index, edit.insert);
  mapping.set(text, after);
  mapping.set(yBlock, block);
  mapping.set(fragment, doc);
  return true;
}
