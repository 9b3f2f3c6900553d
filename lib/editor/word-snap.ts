/**
 * Selections snap to whole words, as annotators expect (a drag that starts mid-word tags the whole word);
 * holding Alt keeps the exact characters. `snapToWords` is pure and tested; the extension applies it when a
 * mouse selection ends.
 */
import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, TextSelection } from "@tiptap/pm/state";

export const wordSnapKey = new PluginKey("wordSnap");

/** Letters, digits and the joiners inside words (apostrophes, hyphens, decimal and thousands marks). */
const WORD = /[\p{L}\p{N}\p{M}]/u;
const JOINER = /['’\-.,\u00ad]/u;

function isWordAt(text: string, index: number): boolean {
  const char = text[index];
  if (!char) return false;
  if (WORD.test(char)) return true;
  // A joiner counts inside a word only ("don't", "1,219", "3.4"), not at its edge.
  return JOINER.test(char) && WORD.test(text[index - 1] ?? "") && WORD.test(text[index + 1] ?? "");
}

/**
 * The range widened to the words it touches and narrowed to drop spaces at its edges. Positions are
 * ProseMirror positions inside one textblock's text (`text` starts at `offset`).
 */
export function snapRange(text: string, from: number, to: number): { from: number; to: number } {
  let start = from;
  let end = to;
  // Drop leading and trailing whitespace the drag caught.
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  if (start === end) return { from, to };
  // Widen to whole words at both ends (surrogate pairs move as one).
  while (start > 0 && isWordAt(text, start - 1) && isWordAt(text, start)) start--;
  while (end < text.length && isWordAt(text, end) && isWordAt(text, end - 1)) end++;
  return { from: start, to: end };
}

/** Snaps a document range whose ends lie in textblocks; ends in different blocks snap independently. */
export function snapToWords(doc: PMNode, from: number, to: number): { from: number; to: number } {
  const $from = doc.resolve(from);
  const $to = doc.resolve(to);
  const startBlock = $from.parent;
  const endBlock = $to.parent;
  if (!startBlock.isTextblock || !endBlock.isTextblock) return { from, to };
  const startBase = $from.start();
  const endBase = $to.start();
  const startText = startBlock.textBetween(0, startBlock.content.size, undefined, "\n");
  const endText = endBlock.textBetween(0, endBlock.content.size, undefined, "\n");
  if (startBlock === endBlock) {
    const snapped = snapRange(startText, from - startBase, to - startBase);
    return { from: snapped.from + startBase, to: snapped.to + startBase };
  }
  const head = snapRange(startText, from - startBase, startText.length);
  const tail = snapRange(endText, 0, to - endBase);
  return { from: head.from + startBase, to: tail.to + endBase };
}

export const WordSnap = Extension.create({
  name: "wordSnap",

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: wordSnapKey,
        props: {
          handleDOMEvents: {
            mouseup: (view, event) => {
              if (event.altKey) return false;
              // After the browser has finished the selection.
              setTimeout(() => {
                const { from, to, empty } = view.state.selection;
                if (empty) return;
                const snapped = snapToWords(view.state.doc, from, to);
                if (snapped.from !== from || snapped.to !== to) view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, snapped.from, snapped.to)));
              });
              return false;
            },
          },
        },
      }),
    ];
  },
});
