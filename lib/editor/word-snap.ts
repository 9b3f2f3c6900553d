/**
 * Selections snap to whole words, as annotators expect (a drag that starts mid-word tags the whole word);
 * holding Alt keeps the exact characters. `snapToWords` is pure and tested; the extension applies it when a
 * mouse selection ends, and remembers whether the current selection was made with Alt held
 * (`selectionIsExact`): tagging it with a key comes after Alt is let go, and must not widen it then.
 */
import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, TextSelection, type EditorState } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { widenToClusters } from "@/lib/text/graphemes";

export const wordSnapKey = new PluginKey<boolean>("wordSnap");

/** Whether the selection was made with Alt held: its exact characters are to be tagged. */
export function selectionIsExact(state: EditorState): boolean {
  return wordSnapKey.getState(state) ?? false;
}

/** Letters, digits and the joiners inside words (apostrophes, hyphens, decimal and thousands marks). */
const WORD = /[\p{L}\p{N}\p{M}]/u;
const JOINER = /['’\-.,\u00ad]/u;
/** "’s" or "'s" ending a word. */
const POSSESSIVE = /^['’]s(?![\p{L}\p{N}])/u;

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
  if (start === end) return widenToClusters(text, from, to);
  // Widen to whole words at both ends (surrogate pairs move as one).
  while (start > 0 && isWordAt(text, start - 1) && isWordAt(text, start)) start--;
  // A possessive's "’s" is not part of the name it follows (the guidelines tag "Ingrid" in "Ingrid’s"): a
  // selection ending before it is not widened over it.
  while (end < text.length && isWordAt(text, end) && isWordAt(text, end - 1) && !POSSESSIVE.test(text.slice(end, end + 3))) end++;
  // An emoji is no word character: a drag ending inside a joined one still takes it whole.
  return widenToClusters(text, start, end);
}

type Snap = (text: string, from: number, to: number) => { from: number; to: number };

/** Snaps a document range whose ends lie in textblocks; ends in different blocks snap independently. */
export function snapToWords(doc: PMNode, from: number, to: number): { from: number; to: number } {
  return snapEnds(doc, from, to, snapRange);
}

/**
 * The exact characters of an Alt selection, widened only to whole grapheme clusters: a tag never holds half
 * of "👩‍💻" or a letter without its combining accent (the server refuses such a span, lib/tags/operations/rules.ts).
 */
export function snapToCharacters(doc: PMNode, from: number, to: number): { from: number; to: number } {
  return snapEnds(doc, from, to, widenToClusters);
}

function snapEnds(doc: PMNode, from: number, to: number, snap: Snap): { from: number; to: number } {
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
    const snapped = snap(startText, from - startBase, to - startBase);
    return { from: snapped.from + startBase, to: snapped.to + startBase };
  }
  const head = snap(startText, from - startBase, startText.length);
  const tail = snap(endText, 0, to - endBase);
  return { from: head.from + startBase, to: tail.to + endBase };
}

export const WordSnap = Extension.create({
  name: "wordSnap",

  addProseMirrorPlugins() {
    // Alt as it is now, from the last key or pointer event anywhere on the page.
    let altHeld = false;
    const track = (event: KeyboardEvent | PointerEvent) => (altHeld = event.altKey);
    const events = ["keydown", "keyup", "pointerdown", "pointermove", "pointerup"] as const;
    return [
      new Plugin<boolean>({
        key: wordSnapKey,
        state: {
          init: () => false,
          // The selection's own: set when this editor's user moves it, kept while colleagues' edits map it.
          apply: (tr, exact) => (tr.selectionSet && !tr.getMeta(ySyncPluginKey) ? altHeld : exact),
        },
        view: () => {
          events.forEach((name) => window.addEventListener(name, track, true));
          return { destroy: () => events.forEach((name) => window.removeEventListener(name, track, true)) };
        },
        props: {
          handleDOMEvents: {
            mouseup: (view, event) => {
              if (event.altKey) return false;
              // After the browser has finished the selection.
              setTimeout(() => {
                const { from, to, empty } = view.state.selection;
                if (empty) return;
                const snapped = snapToWords(view.state.doc, from, to);
                if (snapped.from !== from || snapped.to !== to)
                  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, snapped.from, snapped.to)));
              });
              return false;
            },
          },
        },
      }),
    ];
  },
});
