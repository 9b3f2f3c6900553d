/**
 * The annotator's keyboard: with words selected, a label's key (`keys`: 1 actor, 2 claim, 3 figure, 4 quote
 * on the article page) tags them, and so does Alt with it; while correcting the text (lib/editor/text-
 * guard.ts) the plain key types instead, and only Alt with it tags: a key press never both tags and types.
 * Esc drops the selection. Alt+↓ and Alt+↑ move to the next or previous tag. The extension only
 * announces these as DOM events on the editor (`margin:tag` with the label, `margin:focus-tag` with the tag
 * ids), so that it stays free of React and of the network; the page decides what tagging does.
 */
import { Extension } from "@tiptap/core";
import { ANNOTATION_MARK } from "./annotation-mark";

export const TAG_EVENT = "margin:tag";
export const FOCUS_TAG_EVENT = "margin:focus-tag";

export type TagKeysOptions = {
  /**
   * Whether the digit keys tag (false for viewers).
   * @default true
   */
  enabled: boolean;
  /**
   * Key → the label it tags, announced as the event's detail; the editor itself knows no labels.
   * @default {}
   */
  keys: Readonly<Record<string, string>>;
};

export const TagKeys = Extension.create<TagKeysOptions>({
  name: "tagKeys",

  addOptions() {
    return { enabled: true, keys: {} };
  },

  addKeyboardShortcuts() {
    const correcting = () => this.editor.storage.textGuard?.correcting ?? false;
    const tagWith = (label: string, withAlt: boolean) => () => {
      if (!this.options.enabled || this.editor.state.selection.empty) return false;
      if (!withAlt && correcting()) return false;
      this.editor.view.dom.dispatchEvent(new CustomEvent(TAG_EVENT, { detail: label, bubbles: true }));
      return true;
    };
    // Tag starts after (or before) the cursor, in document order.
    const jump = (direction: 1 | -1) => () => {
      const { doc, selection } = this.editor.state;
      const starts: { pos: number; ids: string[] }[] = [];
      let previous: Set<string> = new Set();
      doc.descendants((node, pos) => {
        if (!node.isText) return;
        const ids = new Set(node.marks.filter((mark) => mark.type.name === ANNOTATION_MARK).map((mark) => mark.attrs.id as string));
        const opened = [...ids].filter((id) => !previous.has(id));
        if (opened.length) starts.push({ pos, ids: opened });
        previous = ids;
      });
      const target =
        direction === 1
          ? starts.find((start) => start.pos > selection.from)
          : [...starts].reverse().find((start) => start.pos < selection.from);
      if (!target) return false;
      this.editor.commands.setTextSelection(target.pos);
      this.editor.commands.scrollIntoView();
      this.editor.view.dom.dispatchEvent(new CustomEvent(FOCUS_TAG_EVENT, { detail: target.ids, bubbles: true }));
      return true;
    };
    return {
      ...Object.fromEntries(Object.entries(this.options.keys).map(([key, label]) => [key, tagWith(label, false)])),
      ...Object.fromEntries(Object.entries(this.options.keys).map(([key, label]) => [`Alt-${key}`, tagWith(label, true)])),
      Escape: () => {
        if (this.editor.state.selection.empty) return false;
        this.editor.commands.setTextSelection(this.editor.state.selection.to);
        return true;
      },
      "Alt-ArrowDown": jump(1),
      "Alt-ArrowUp": jump(-1),
    };
  },
});
