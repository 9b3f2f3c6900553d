/**
 * Repairs to @tiptap/y-tiptap 3.0.9's ProsemirrorBinding (Tiptap's fork of y-prosemirror), made through its
 * private members because the package offers no hook for them. None is reported upstream as of 2026-12-06;
 * each names the place in y-tiptap's source (src/plugins/sync-plugin.js) it works around, and
 * lib/upstream/upstream.test.ts fails when the installed version differs from the one checked here or a
 * member used here is gone. Why each matters is in lib/editor/collaboration.ts, which applies them.
 *
 * 1. `_observeFunction` (ProsemirrorBinding._typeChanged): after every remote change it calls
 *    `this.mapping.clear()`, so the next render rebuilds every paragraph. Wrapped so that the clear keeps
 *    the nodes y-prosemirror keeps (y-tiptap has already dropped the changed and deleted types).
 * 2. `_forceRerender` (called when the plugin view is created): rebuilds the whole document even when the
 *    view already shows it. Skipped when every top-level node is the one the mapping would render.
 * 3. `beforeTransactionSelection` (saved once per batch of Yjs transactions, restored after each remote
 *    change): refreshed from the view at the start of each transaction and after the binding's observer.
 * 4. `_prosemirrorChanged` (writes a local ProseMirror change to Yjs by re-diffing the changed paragraph):
 *    a caller-given fast path runs first, inside the same Yjs transaction, and y-tiptap's runs only when the
 *    fast path declines.
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import type { EditorState } from "@tiptap/pm/state";
import { getRelativeSelection, ySyncPluginKey, type ProsemirrorBinding } from "@tiptap/y-tiptap";
import type * as Y from "yjs";

/** The @tiptap/y-tiptap version these repairs were written against. */
export const Y_TIPTAP_VERSION = "3.0.9";

type Observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => void;

/** The binding's private members used here, as y-tiptap 3.0.9 declares them. */
type Internals = {
  _observeFunction: Observer;
  _prosemirrorChanged: (doc: PMNode) => void;
  _forceRerender: () => void;
  beforeTransactionSelection: unknown;
};

const internals = (binding: ProsemirrorBinding) => binding as unknown as Internals;

/** The binding of an editor state's sync plugin, if the state has one. */
export function bindingOf(state: EditorState): ProsemirrorBinding | undefined {
  return (ySyncPluginKey.getState(state) as { binding?: ProsemirrorBinding } | undefined)?.binding;
}

/** Does the view show, node for node, what the binding would render from the content document? */
function rendersCurrent(binding: ProsemirrorBinding): boolean {
  const doc = binding.prosemirrorView?.state.doc;
  if (!doc) return false;
  const types = binding.type.toArray();
  return types.length === doc.childCount && types.every((type, index) => binding.mapping.get(type) === doc.child(index));
}

/**
 * A local change written to Yjs another way, inside the binding's own transaction: true when it was (the
 * binding then skips its own re-diff), false to let y-tiptap write it.
 */
export type LocalChangeWriter = (binding: ProsemirrorBinding, doc: PMNode) => boolean;

const repaired = new WeakSet<ProsemirrorBinding>();

/** Repairs 1, 2 and 4, once per binding, before its view is first created (which observes the observer). */
export function repairBinding(binding: ProsemirrorBinding, writeLocalChange: LocalChangeWriter): void {
  if (repaired.has(binding)) return;
  repaired.add(binding);
  const inner = internals(binding);
  const observe = inner._observeFunction;
  const mapping = binding.mapping;
  const clear = mapping.clear;
  inner._observeFunction = ((events, transaction) => {
    // y-tiptap has already dropped the changed and deleted types when it clears.
    mapping.clear = () => {};
    try {
      observe(events, transaction);
    } finally {
      mapping.clear = clear;
    }
  }) satisfies Observer;
  const prosemirrorChanged = inner._prosemirrorChanged.bind(binding);
  inner._prosemirrorChanged = (doc: PMNode) => {
    const view = binding.prosemirrorView;
    let written = false;
    if (view) {
      binding.doc.transact(() => {
        written = writeLocalChange(binding, doc);
        if (written) inner.beforeTransactionSelection = getRelativeSelection(binding, view.state);
      }, ySyncPluginKey);
    }
    if (!written) prosemirrorChanged(doc);
  };
  const forceRerender = inner._forceRerender.bind(binding);
  inner._forceRerender = () => {
    if (!rendersCurrent(binding)) forceRerender();
  };
}

/** Repair 3: takes the binding's saved selection afresh from its view. */
export function refreshSavedSelection(binding: ProsemirrorBinding): void {
  if (binding.prosemirrorView) internals(binding).beforeTransactionSelection = getRelativeSelection(binding, binding.prosemirrorView.state);
}
