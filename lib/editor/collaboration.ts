/**
 * The editor's binding to the article's content document: Tiptap's Collaboration extension (y-tiptap's
 * sync and undo plugins) and four repairs to y-tiptap 3.0.9's binding, each found by a test or benchmark and
 * made through its private members in lib/upstream/y-tiptap.ts.
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
 * 4. Typing and tagging are written as what they are. y-tiptap writes each local change by re-diffing the
 *    whole changed paragraph, hashing each of its tag marks; an edit of one paragraph's text that moves no
 *    tag boundary is written as its deletion and insertion instead, and a new tag on one paragraph's words
 *    as their formatting (lib/editor/typing-sync.ts).
 */
import { Extension, type Extensions } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import type * as Y from "yjs";
import { CONTENT_FIELD } from "@/lib/collab/names";
import { bindingOf, refreshSavedSelection, repairBinding, type LocalChangeWriter } from "@/lib/upstream/y-tiptap";
import { syncMarkAdded, syncTextEdit, typingSyncCounts, type SyncedBinding } from "./typing-sync";

export const bindingRepairsKey = new PluginKey("bindingRepairs");

/** Repair 4's fast paths, counted: tests check every path is used. */
const writeTyping: LocalChangeWriter = (binding, doc) => {
  const synced = binding as unknown as SyncedBinding;
  const path = syncTextEdit(synced, doc) ? "fast" : syncMarkAdded(synced, doc) ? "mark" : "full";
  typingSyncCounts[path]++;
  return path !== "full";
};

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
            if (binding) repairBinding(binding, writeTyping);
            return null;
          },
          apply: (_tr, value) => value,
        },
        // Plugin views are created in the same order: this observer runs after the binding's own.
        view: (view) => {
          const binding = bindingOf(view.state);
          if (!binding) return {};
          const refresh = () => refreshSavedSelection(binding);
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
