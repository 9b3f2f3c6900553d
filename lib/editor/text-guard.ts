/**
 * Who may change what in the editor, and what the text may hold. Reviewers tag but do not correct the
 * text: their transactions may only add or remove tag marks (the server refuses anything else too). Those
 * who may correct it do so in correcting mode (`setCorrecting`): outside it the text is read-only for
 * them as well, so that a key press either tags (lib/editor/tag-keys.ts) or types, never both.
 * Everyone's typed and pasted text is composed to NFC, as the canonical text requires, so that a letter
 * typed with a combining accent is one character, as it would be after import. An edit that leaves half
 * of a character outside the Basic Multilingual Plane (a deletion ending inside an emoji) removes the
 * other half too: Yjs would send that half to colleagues as U+FFFD while keeping it here, and the copies
 * of the document would differ.
 */
import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { AddMarkStep, RemoveMarkStep } from "@tiptap/pm/transform";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { ANNOTATION_MARK } from "./annotation-mark";
import { touchedRanges } from "./touched-ranges";

export const textGuardKey = new PluginKey("textGuard");

export type TextGuardOptions = {
  /**
   * Whether the text itself may change (owners and editors); otherwise only tag marks may.
   * @default true
   */
  canEditText: boolean;
  /**
   * Whether the editor starts in correcting mode (the page starts in tagging mode).
   * @default true
   */
  correcting: boolean;
};

export type TextGuardStorage = { correcting: boolean };

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    textGuard: {
      /** Correcting mode on (keys type) or off (the text is read-only; keys tag). */
      setCorrecting: (on: boolean) => ReturnType;
    };
  }
  interface Storage {
    textGuard: TextGuardStorage;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Positions of lone surrogate halves in the text between `from` and `to` (one position each). */
export function loneSurrogates(doc: PMNode, from: number, to: number): number[] {
  const found: number[] = [];
  doc.nodesBetween(Math.max(0, from), Math.min(doc.content.size, to), (node, pos) => {
    if (!node.isText) return true;
    for (const match of node.text!.matchAll(LONE_SURROGATE)) {
      const at = pos + match.index;
      if (at >= from && at < to) found.push(at);
    }
    return false;
  });
  return found;
}

export const TextGuard = Extension.create<TextGuardOptions>({
  name: "textGuard",

  addOptions() {
    return { canEditText: true, correcting: true };
  },

  addStorage(): TextGuardStorage {
    return { correcting: this.options.correcting };
  },

  addCommands() {
    return {
      setCorrecting:
        (on) =>
        ({ editor }) => {
          editor.storage.textGuard.correcting = on;
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const canEditText = () => this.options.canEditText && this.storage.correcting;
    return [
      new Plugin({
        key: textGuardKey,
        filterTransaction(tr) {
          if (canEditText() || !tr.docChanged) return true;
          // Remote changes arrive through y-prosemirror, which marks its transactions; let them through.
          if (tr.getMeta(ySyncPluginKey)) return true;
          return tr.steps.every(
            (step) => (step instanceof AddMarkStep || step instanceof RemoveMarkStep) && step.mark.type.name === ANNOTATION_MARK,
          );
        },
        appendTransaction(transactions, _oldState, state) {
          // A cut character's other half sits just outside the touched range.
          const ranges = touchedRanges(transactions, state.doc.content.size);
          const halves = new Set(ranges.flatMap(({ from, to }) => loneSurrogates(state.doc, from - 1, to + 1)));
          if (!halves.size) return null;
          const tr = state.tr;
          for (const at of [...halves].sort((a, b) => b - a)) tr.delete(at, at + 1);
          return tr;
        },
        props: {
          transformPastedText: (text) => text.normalize("NFC"),
          handleTextInput(view, from, to, text) {
            const composed = text.normalize("NFC");
            if (composed === text) return false;
            view.dispatch(view.state.tr.insertText(composed, from, to));
            return true;
          },
        },
      }),
    ];
  },
});
