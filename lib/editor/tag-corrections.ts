/**
 * Where corrected text goes relative to tag edges. Tag marks are not inclusive, so typing just after a
 * tag's last character never extends it. ProseMirror gives text typed over a selection the marks found
 * across it, except non-inclusive ones that stop at its end: replacing a tag's last word ("Israeli
 * government opposition", "opposition" replaced by "objections") dropped the new word from the tag. The
 * rule here, which README states:
 *
 * - Text that replaces a selection keeps every tag that covered all of the selection (its first word, a
 *   middle word, its last word, or all of it).
 * - Typing on from the end of such a replacement, without moving the caret, stays in those tags (the first
 *   key replaces the selection, the next ones follow it), and Backspace within it keeps them too.
 * - Anything else (a click, an arrow key, an edit elsewhere) ends the correction: typing after a tag's last
 *   character, at a cursor put there, is outside the tag.
 *
 * Only this editor's own edits are followed; colleagues' changes arrive already marked.
 */
import { Extension } from "@tiptap/core";
import type { Mark, Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { ReplaceStep } from "@tiptap/pm/transform";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { ANNOTATION_MARK } from "./annotation-mark";

/** The correction under way: where its text ends now, and the tags it keeps. */
type Correction = { end: number; marks: readonly Mark[] };

const tagCorrectionsKey = new PluginKey<Correction | null>("tagCorrections");

/** The tag marks on every character between `from` and `to` (none when the range holds no text). */
function tagsCovering(doc: PMNode, from: number, to: number): Mark[] {
  let common: Mark[] | null = null;
  doc.nodesBetween(from, to, (node) => {
    if (!node.isText) return true;
    const marks = node.marks.filter((mark) => mark.type.name === ANNOTATION_MARK);
    common = common === null ? marks : common.filter((mark) => mark.isInSet(marks));
    return false;
  });
  return common ?? [];
}

const local = (tr: Transaction) => tr.docChanged && !tr.getMeta(ySyncPluginKey) && !tr.getMeta(tagCorrectionsKey);

/**
 * What the transaction does to the correction: a replacement of text starts one, typing at its end or
 * deleting back within it carries it on, anything else ends it. Also the marks its new text is missing.
 */
function follow(
  tr: Transaction,
  before: Correction | null,
): { correction: Correction | null; missing: { from: number; to: number; marks: readonly Mark[] }[] } {
  let correction = before;
  const missing: { from: number; to: number; marks: readonly Mark[] }[] = [];
  tr.steps.forEach((step, index) => {
    const doc = tr.docs[index]!;
    if (!(step instanceof ReplaceStep)) {
      correction = null;
      return;
    }
    const inserted = step.slice.size;
    const mapToEnd = (pos: number, bias: -1 | 1) => tr.mapping.slice(index + 1).map(pos, bias);
    if (step.from < step.to && inserted > 0) {
      // A replacement: the new text keeps the tags that covered all it replaced.
      const marks = tagsCovering(doc, step.from, step.to);
      correction = marks.length ? { end: mapToEnd(step.from + inserted, 1), marks } : null;
    } else if (inserted > 0 && correction && step.from === correction.end) {
      correction = { ...correction, end: mapToEnd(step.from + inserted, 1) };
    } else if (inserted === 0 && correction && step.to === correction.end) {
      correction = { ...correction, end: mapToEnd(step.from, -1) };
      return;
    } else {
      correction = null;
      return;
    }
    if (correction) missing.push({ from: mapToEnd(step.from, -1), to: correction.end, marks: correction.marks });
  });
  return { correction, missing };
}

export const TagCorrections = Extension.create({
  name: "tagCorrections",

  addProseMirrorPlugins() {
    return [
      new Plugin<Correction | null>({
        key: tagCorrectionsKey,
        state: {
          init: () => null,
          apply(tr, value, _old, state: EditorState) {
            const set = tr.getMeta(tagCorrectionsKey) as { correction: Correction | null } | undefined;
            if (set) return set.correction;
            if (!tr.docChanged) {
              // The caret moved away (a click, an arrow key): the correction is over.
              if (!value || !tr.selectionSet) return value;
              return state.selection.empty && state.selection.from === value.end ? value : null;
            }
            if (tr.getMeta(ySyncPluginKey)) return value && { ...value, end: tr.mapping.map(value.end, 1) };
            return value;
          },
        },
        appendTransaction(transactions, oldState, state) {
          let correction = tagCorrectionsKey.getState(oldState) ?? null;
          const missing: { from: number; to: number; marks: readonly Mark[] }[] = [];
          for (const tr of transactions) {
            if (tr.getMeta(ySyncPluginKey)) {
              if (correction) correction = { ...correction, end: tr.mapping.map(correction.end, 1) };
              continue;
            }
            if (!local(tr)) continue;
            const followed = follow(tr, correction);
            // Ranges found on earlier transactions move with the later ones.
            for (const range of missing) {
              range.from = tr.mapping.map(range.from, -1);
              range.to = tr.mapping.map(range.to, 1);
            }
            missing.push(...followed.missing);
            correction = followed.correction;
          }
          if (!transactions.some(local)) return null;
          const tr = state.tr.setMeta(tagCorrectionsKey, { correction });
          for (const { from, to, marks } of missing) if (from < to) for (const mark of marks) tr.addMark(from, to, mark);
          return tr;
        },
      }),
    ];
  },
});
