/**
 * Who may change what in the editor. Reviewers tag but do not correct the text: their transactions may
 * only add or remove tag marks (the server refuses anything else too). Everyone's typed and pasted text is
 * composed to NFC, as the canonical text requires, so that a letter typed with a combining accent is one
 * character, as it would be after import.
 */
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { AddMarkStep, RemoveMarkStep } from "@tiptap/pm/transform";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { ANNOTATION_MARK } from "./annotation-mark";

export const textGuardKey = new PluginKey("textGuard");

export type TextGuardOptions = {
  /**
   * Whether the text itself may change (owners and editors); otherwise only tag marks may.
   * @default true
   */
  canEditText: boolean;
};

export const TextGuard = Extension.create<TextGuardOptions>({
  name: "textGuard",

  addOptions() {
    return { canEditText: true };
  },

  addProseMirrorPlugins() {
    const canEditText = () => this.options.canEditText;
    return [
      new Plugin({
        key: textGuardKey,
        filterTransaction(tr) {
          if (canEditText() || !tr.docChanged) return true;
          // Remote changes arrive through y-prosemirror, which marks its transactions; let them through.
          if (tr.getMeta(ySyncPluginKey)) return true;
          return tr.steps.every((step) => (step instanceof AddMarkStep || step instanceof RemoveMarkStep) && step.mark.type.name === ANNOTATION_MARK);
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
