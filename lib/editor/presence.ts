/**
 * Colleagues' cursors and selections, with their names, from the collaboration provider's awareness
 * (y-prosemirror's cursor plugin). The local user's name and colour are published under "user".
 */
import { Extension } from "@tiptap/core";
import { yCursorPlugin } from "@tiptap/y-tiptap";
import type { Awareness } from "y-protocols/awareness";

export type PresenceUser = { id: string; name: string; color: string };

export type PresenceOptions = {
  /**
   * The provider's awareness; presence is off without one.
   * @default null
   */
  awareness: Awareness | null;
  /**
   * Who is editing here.
   * @default null
   */
  user: PresenceUser | null;
};

/** A colleague's caret with their name, drawn by CSS (data-name) so that it is never part of the text. */
function caret(user: PresenceUser): HTMLElement {
  const cursor = document.createElement("span");
  cursor.className = "margin-caret";
  cursor.style.borderColor = user.color;
  cursor.setAttribute("aria-hidden", "true");
  const label = document.createElement("span");
  label.className = "margin-caret-label";
  label.style.backgroundColor = user.color;
  label.dataset.name = user.name;
  cursor.append(label);
  return cursor;
}

export const Presence = Extension.create<PresenceOptions>({
  name: "presence",

  addOptions() {
    return { awareness: null, user: null };
  },

  addProseMirrorPlugins() {
    const { awareness, user } = this.options;
    if (!awareness) return [];
    if (user) awareness.setLocalStateField("user", user);
    return [
      yCursorPlugin(awareness, {
        cursorBuilder: caret,
        selectionBuilder: (other: PresenceUser) => ({ style: `background-color: ${other.color}33`, class: "margin-remote-selection" }),
      }),
    ];
  },
});
