/**
 * Colleagues' cursors and selections, with their names, from the collaboration provider's awareness
 * (y-prosemirror's cursor plugin). The local user's name and colour are published under "user"; colours
 * are shared out among the people present so that no two look alike (assignColors).
 */
import { Extension } from "@tiptap/core";
import { yCursorPlugin } from "@tiptap/y-tiptap";
import type { Awareness } from "y-protocols/awareness";

export type PresenceUser = { id: string; name: string; color: string };

const PRESENCE_COLORS = ["#b91c1c", "#1d4ed8", "#047857", "#7e22ce", "#b45309", "#0e7490", "#be185d", "#4d7c0f"];

function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (const char of id) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

/**
 * A colour per person present: each takes the colour their id hashes to unless someone before them (by
 * id) has it, then the next free one. Every client computes the same answer from the same people, so each
 * publishes its own colour and all agree. Beyond eight people colours repeat.
 */
export function assignColors(ids: Iterable<string>): Map<string, string> {
  const colors = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of [...new Set(ids)].sort()) {
    const first = hashOf(id) % PRESENCE_COLORS.length;
    let color = PRESENCE_COLORS[first]!;
    for (let step = 0; step < PRESENCE_COLORS.length; step++) {
      const candidate = PRESENCE_COLORS[(first + step) % PRESENCE_COLORS.length]!;
      if (!taken.has(candidate)) {
        color = candidate;
        break;
      }
    }
    taken.add(color);
    colors.set(id, color);
  }
  return colors;
}

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

type ChangeListener = (changes: unknown, origin: unknown) => void;

/**
 * The awareness as y-prosemirror's cursor plugin sees it: its "change" listeners hear only colleagues'
 * changes. The plugin redraws every colleague's caret on any change, including this editor's own caret
 * moving at each keystroke, which changes none of them and cost a second frame after every keystroke
 * (the next keystroke then waited for the display's next frame: bench/editor.ts).
 */
export function colleaguesOnly(awareness: Awareness): Awareness {
  const wrapped = new Map<ChangeListener, ChangeListener>();
  return new Proxy(awareness, {
    get(target, property, receiver) {
      if (property === "on" || property === "off") {
        return (name: string, listener: ChangeListener) => {
          if (name !== "change") return property === "on" ? target.on(name as "change", listener) : target.off(name as "change", listener);
          if (property === "on") {
            const filtered: ChangeListener = (changes, origin) => {
              if (origin !== "local") listener(changes, origin);
            };
            wrapped.set(listener, filtered);
            return target.on("change", filtered);
          }
          const filtered = wrapped.get(listener);
          wrapped.delete(listener);
          if (filtered) target.off("change", filtered);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

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

export const Presence = Extension.create<PresenceOptions, { stop: (() => void) | undefined }>({
  name: "presence",

  addOptions() {
    return { awareness: null, user: null };
  },

  onCreate() {
    const { awareness, user } = this.options;
    if (!awareness || !user) return;
    const publish = () => {
      const present = [...awareness.getStates().values()]
        .map((state) => (state as { user?: PresenceUser }).user?.id)
        .filter((id): id is string => Boolean(id));
      const color = assignColors([...present, user.id]).get(user.id)!;
      const published = (awareness.getLocalState() as { user?: PresenceUser } | null)?.user;
      if (published?.color !== color) awareness.setLocalStateField("user", { ...user, color });
    };
    publish();
    awareness.on("change", publish);
    this.storage.stop = () => awareness.off("change", publish);
  },

  onDestroy() {
    this.storage.stop?.();
  },

  addStorage() {
    return { stop: undefined as (() => void) | undefined };
  },

  addProseMirrorPlugins() {
    const { awareness, user } = this.options;
    if (!awareness) return [];
    if (user) awareness.setLocalStateField("user", { ...user, color: assignColors([user.id]).get(user.id)! });
    return [
      yCursorPlugin(colleaguesOnly(awareness), {
        cursorBuilder: caret,
        selectionBuilder: (other: PresenceUser) => ({ style: `background-color: ${other.color}33`, class: "margin-remote-selection" }),
      }),
    ];
  },
});
