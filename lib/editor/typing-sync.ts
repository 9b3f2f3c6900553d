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
 *
 * A new tag is the same kind of change: one paragraph's words gain one mark. y-tiptap re-diffs that
 * paragraph too, hashing every tag mark of every run in it, so that a tag cost more the more tags were
 * around it (a millisecond or two on a 5,000-tag article, bench/editor.ts); it is written as the
 * formatting of those words, under the key y-tiptap gives the mark.
 */
import { Mark, type Node as PMNode } from "@tiptap/pm/model";
import { encodeAny, toBase64 } from "lib0/buffer";
import { simpleDiff } from "lib0/diff";
import { digest } from "lib0/hash/sha256";
import * as Y from "yjs";
import { forEachChildType } from "@/lib/upstream/yjs";

/** The part of y-tiptap's binding this uses: the content fragment and its Yjs → ProseMirror mapping. */
export type SyncedBinding = {
  doc: Y.Doc;
  type: Y.XmlFragment;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- y-tiptap keys it by every kind of Yjs type
  mapping: Map<Y.AbstractType<any>, PMNode | PMNode[]>;
};

/** How often each path was taken in this page (typing, a new mark, y-tiptap's): tests check all are used. */
export const typingSyncCounts = { fast: 0, mark: 0, full: 0 };

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
 * The one paragraph in which `doc` differs from what the binding last synced, when it is a paragraph of
 * text alone (no line breaks) on both sides: its Yjs text and its text nodes before and after. Null otherwise.
 * y-tiptap maps a paragraph's Yjs text to its text nodes only once it has written them; until then, with
 * `fromBlock`, they are read from the paragraph it last synced, which holds the same nodes.
 */
function changedParagraph(binding: SyncedBinding, doc: PMNode, fromBlock = false) {
  const { type: fragment, mapping } = binding;
  if (fragment.length !== doc.childCount) return null;
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
  if (changed < 0 || several) return null;
  const yBlock = fragment.get(changed);
  const block = doc.child(changed);
  const old = mapping.get(yBlock);
  if (!(yBlock instanceof Y.XmlElement) || !old || Array.isArray(old) || !old.sameMarkup(block) || yBlock.length !== 1) return null;
  const ytext = yBlock.get(0);
  const mapped = ytext instanceof Y.XmlText ? mapping.get(ytext) : undefined;
  const before = mapped ?? (fromBlock ? textNodes(old) : null);
  if (!(ytext instanceof Y.XmlText) || !Array.isArray(before) || !before.length || !block.childCount) return null;
  const after = textNodes(block);
  if (!after) return null;
  const oldText = before.map((node) => node.text!).join("");
  // The mapping mirrors the Yjs text unless something changed it unseen: then let y-tiptap look.
  if (ytext.length !== oldText.length) return null;
  return { yBlock, block, ytext, before, after, oldText };
}

/** A paragraph's children, when they are all text. */
function textNodes(block: PMNode): PMNode[] | null {
  const nodes: PMNode[] = [];
  for (let child = 0; child < block.childCount; child++) {
    const node = block.child(child);
    if (!node.isText) return null;
    nodes.push(node);
  }
  return nodes;
}

/** The mapping brought up to date with a paragraph written here, as y-tiptap's own writing leaves it. */
function mapWritten(binding: SyncedBinding, doc: PMNode, paragraph: NonNullable<ReturnType<typeof changedParagraph>>): void {
  binding.mapping.set(paragraph.ytext, paragraph.after);
  binding.mapping.set(paragraph.yBlock, paragraph.block);
  binding.mapping.set(binding.type, doc);
}

/**
 * Writes `doc`, which differs from what the binding last synced by an edit of one paragraph's text, to the
 * content document as that edit (inside the caller's transaction). False, having written nothing, for any
 * other change.
 */
export function syncTextEdit(binding: SyncedBinding, doc: PMNode): boolean {
  const paragraph = changedParagraph(binding, doc);
  if (!paragraph) return false;
  const { block, before, after, oldText } = paragraph;
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
  if (edit.remove) paragraph.ytext.delete(edit.index, edit.remove);
  if (inserted) paragraph.ytext.insert(edit.index, edit.insert);
  mapWritten(binding, doc, paragraph);
  return true;
}

/**
 * The Yjs attribute y-tiptap keeps a mark under: a mark that may overlap its own kind (a tag) under its name
 * and a hash of the mark, so that two tags on the same words are two attributes (y-tiptap's hashOfJSON).
 */
function markKey(mark: Mark): string {
  if (mark.type.excludes(mark.type)) return mark.type.name;
  const hash = digest(encodeAny(mark.toJSON()));
  for (let index = 6; index < hash.length; index++) hash[index % 6]! ^= hash[index]!;
  return `${mark.type.name}--${toBase64(hash.slice(0, 6))}`;
}

/**
 * Writes `doc`, which differs from what the binding last synced by one mark added to a run of one
 * paragraph's words (a new tag) and nothing else, to the content document as that formatting. False, having
 * written nothing, for any other change.
 */
export function syncMarkAdded(binding: SyncedBinding, doc: PMNode): boolean {
  const paragraph = changedParagraph(binding, doc, true);
  if (!paragraph || paragraph.block.textContent !== paragraph.oldText) return false;
  const oldSteps = stepsOf(paragraph.before);
  const newSteps = stepsOf(paragraph.after);
  let added: Mark | null = null;
  let from = 0;
  let to = -1;
  // Through the runs of characters whose marks are the same on both sides.
  for (let at = 0, i = 0, j = 0; at < paragraph.oldText.length;) {
    while (oldSteps[i]!.end <= at) i++;
    while (newSteps[j]!.end <= at) j++;
    const end = Math.min(oldSteps[i]!.end, newSteps[j]!.end);
    const was = oldSteps[i]!.marks;
    const is = newSteps[j]!.marks;
    if (!Mark.sameSet(was as Mark[], is as Mark[])) {
      const extra = is.filter((mark) => !mark.isInSet(was));
      // Exactly one mark more than before, the same one throughout, over one unbroken run of words.
      if (extra.length !== 1 || is.length !== was.length + 1 || (added && (!added.eq(extra[0]!) || at !== to))) return false;
      if (!added) [added, from] = [extra[0]!, at];
      to = end;
    }
    at = end;
  }
  if (!added) return false;
  paragraph.ytext.format(from, to - from, { [markKey(added)]: added.attrs });
  mapWritten(binding, doc, paragraph);
  return true;
}
