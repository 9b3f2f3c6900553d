/**
 * Where Margin reaches into Yjs 13.6 beyond its public API. Each is a measured cost, not a convenience;
 * lib/upstream/upstream.test.ts fails when the installed version differs from the one these were checked
 * against, and checks that each private field still behaves as used here.
 */
import type * as Y from "yjs";

/** The Yjs version these helpers were written against. */
export const YJS_VERSION = "13.6.33";

type Observers = Map<string, Set<(...args: unknown[]) => void>>;

/**
 * Applies `apply` with the document's "update" listeners detached. Yjs encodes every transaction of a
 * document that has an "update" listener (Doc.emit in Transaction's cleanup), so loading a stored state into
 * a document whose only listener broadcasts to nobody yet (Hocuspocus' Document while it loads) encodes the
 * whole article once more for nothing: a fifth of loading 5,000 tags. lib0's Observable has no way to
 * suspend listeners, so they are taken out of its private `_observers` map and put back.
 */
export function withoutUpdateListeners(doc: Y.Doc, apply: () => void): void {
  const observers = (doc as unknown as { _observers: Observers })._observers;
  const listeners = observers.get("update");
  observers.delete("update");
  try {
    apply();
  } finally {
    if (listeners) observers.set("update", listeners);
  }
}

/**
 * Calls `visit` with each child type of an XML fragment, in order, without building `toArray()`'s array: the
 * editor does this on every keystroke over an article's paragraphs (lib/editor/typing-sync.ts). Walks the
 * private linked list of items (`_first`, `right`), skipping deleted ones, as `toArray()` itself does.
 */
export function forEachChildType(fragment: Y.XmlFragment, visit: (type: Y.AbstractType<unknown>) => boolean | void): void {
  type Item = { deleted: boolean; right: Item | null; content: { type?: Y.AbstractType<unknown> } };
  for (let item = (fragment as unknown as { _first: Item | null })._first; item; item = item.right) {
    if (item.deleted || !item.content.type) continue;
    if (visit(item.content.type) === false) return;
  }
}
