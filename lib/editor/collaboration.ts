/**
 * The editor's binding to the article's content document: Tiptap's Collaboration extension (y-tiptap's
 * sync and undo plugins) and four repairs to y-tiptap 3.0.9's binding, each found by a test or benchmark.
 *
 * 1. Unchanged nodes are kept. After every remote change y-tiptap clears its whole Yjs→ProseMirror node
 *    cache and rebuilds every paragraph (its own change, for drag-and-drop block moves; y-prosemirror drops
 *    only the changed and deleted types, which is enough for an article, whose blocks are never dragged).
 *    On a 100,000-character article each colleague's keystroke then cost tens of milliseconds, and since
 *    ProseMirror's view keeps the old, equal nodes, every later update compared the whole document deeply
 *    (bench/editor.ts measured both). The binding's observer is wrapped so that the clear keeps what
 *    y-prosemirror keeps.
 *
 * 2. No second full render. The binding rebuilds the whole document whenever its plugin view is created,
 *    and Tiptap's React EditorContent registers a plugin right after mounting, which recreates every plugin
 *    view: every paragraph became a new, equal node, with the same deep comparisons on every keystroke
 *    after. The rebuild is skipped when the binding already renders the document it would build.
 *
 * 3. The saved selection is refreshed. y-tiptap saves the selection once per batch of Yjs transactions and,
 *    after each remote change, restores it while checking it against the document as it was just before
 *    that change. Within a batch the saved selection can be older than that document: Yjs opens a second
 *    transaction while observers of the first run (to tidy formatting markers where concurrent tag marks
 *    meet; y-tiptap to drop an element the schema refuses), and after an undo y-tiptap hands the binding a
 *    selection from before the undone change. When the document has shrunk in between, ProseMirror throws
 *    ("Position N out of range") inside the Yjs observer and this editor stops following the document. So
 *    the saved selection is taken afresh after the binding has applied each transaction, and at the start
 *    of each one (the convergence tests found all three cases).
 *
 * 4. Typing is written as what it is. y-tiptap writes each local change by re-diffing the whole changed
 *    paragraph, hashing each of its tag marks; an edit of one paragraph's text that moves no tag boundary
 *    is written as its deletion and insertion instead (lib/editor/typing-sync.ts).
 */
import { Extension, type Extensions } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { getRelativeSelection, ySyncPluginKey, type ProsemirrorBinding } from "@tiptap/y-tiptap";
import type { Node as PMNode } from "@tiptap/pm/model";
import type * as Y from "yjs";
import { CONTENT_FIELD } from "@/lib/collab/names";
import { syncTextEdit, typingSyncCounts, type SyncedBinding } from "./typing-sync";

export const bindingRepairsKey = new PluginKey("bindingRepairs");

type Observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => void;

const repaired = new WeakSet<ProsemirrorBinding>();

/** Does the view show, node for node, what the binding would render from the content document? */
function rendersCurrent(binding: ProsemirrorBinding): boolean {
  const doc = binding.prosemirrorView?.state.doc;
  if (!doc) return false;
  const types = binding.type.toArray();
  return types.length === doc.childCount && types.every((type, index) => binding.mapping.get(type) === doc.child(index));
}

/** Repairs 1 and 2, once per binding, before its view is first created (which observes the wrapped observer). */
function repair(binding: ProsemirrorBinding): void {
  if (repaired.has(binding)) return;
  repaired.add(binding);
  const observe = binding._observeFunction as Observer;
  const mapping = binding.mapping;
  const clear = mapping.clear;
  binding._observeFunction = ((events, transaction) => {
    // y-tiptap has already dropped the changed and deleted types when it clears.
    mapping.clear = () => {};
    try {
      observe(events, transaction);
    } finally {
      mapping.clear = clear;
    }
  }) satisfies Observer;
  // 4. A paragraph's text edit is written as that edit (lib/editor/typing-sync.ts).
  const prosemirrorChanged = binding._prosemirrorChanged.bind(binding);
  binding._prosemirrorChanged = (doc: PMNode) => {
    const view = binding.prosemirrorView;
    let fast = false;
    if (view) {
      binding.doc.transact(() => {
        fast = syncTextEdit(binding as unknown as SyncedBinding, doc);
        if (fast) binding.beforeTransactionSelection = getRelativeSelection(binding, view.state);
      }, ySyncPluginKey);
    }
    typingSyncCounts[fast ? "fast" : "full"]++;
    if (!fast) prosemirrorChanged(doc);
  };
  const forceRerender = binding._forceRerender.bind(binding);
  binding._forceRerender = () => {
    if (!rendersCurrent(binding)) forceRerender();
  };
}

function bindingOf(state: EditorState): ProsemirrorBinding | undefined {
  return (ySyncPluginKey.getState(state) as { binding?: ProsemirrorBinding } | undefined)?.binding;
}

export const BindingRepairs = Extension.create({
  name: "bindingRepairs",

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: bindingRepairsKey,
        // Plugin states are initialised in order, after y-tiptap's sync plugin (Collaboration has a higher
        // priority), so the binding exists here, and before any plugin view.
        state: {
          init: (_config, state) => {
            const binding = bindingOf(state);
            if (binding) repair(binding);
            return null;
          },
          apply: (_tr, value) => value,
        },
        // Plugin views are created in the same order: this observer runs after the binding's own.
        view: (view) => {
          const binding = bindingOf(view.state);
          if (!binding) return {};
          const refresh = () => {
            if (binding.prosemirrorView) binding.beforeTransactionSelection = getRelativeSelection(binding, binding.prosemirrorView.state);
          };
          binding.doc.on("beforeTransaction", refresh);
          binding.type.observeDeep(refresh);
          return {
            destroy: () => {
              binding.doc.off("beforeTransaction", refresh);
              binding.type.unobserveDeep(refresh);
            },
          };
        },
      }),
    ];
  },
});

export function collaborationExtensions(document: Y.Doc): Extensions {
  return [Collaboration.configure({ document, field: CONTENT_FIELD }), BindingRepairs];
}
