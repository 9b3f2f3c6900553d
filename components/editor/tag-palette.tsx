"use client";

import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { useDeferredValue, useMemo } from "react";
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import { type Label, LABELS } from "@/lib/vocabulary";

/** The four labels next to a selection: click, or press 1–4. Esc dismisses by dropping the selection. */
export function TagPalette({ editor, onTag }: { editor: Editor; onTag: (label: Label) => void }) {
  // Re-render as a selection moves (the editor itself does not re-render React on each transaction). A
  // caret selects nothing and so yields null: typing then commits no React render, which matters because
  // each commit makes React measure the selection across the whole editable article.
  const range = useEditorState({
    editor,
    selector: ({ editor: current }) =>
      current.state.selection.empty ? null : { from: current.state.selection.from, to: current.state.selection.to },
  });
  // Shown after the paint: the selection's own render returns the very same element, which commits nothing
  // (so React measures nothing), and the palette moves or goes in a transition. A key that tags collapses
  // the selection, and that frame is the new tag's highlight.
  const shown = useDeferredValue(range);
  return useMemo(() => shown && <Palette editor={editor} range={shown} onTag={onTag} />, [editor, shown, onTag]);
}

function Palette({ editor, range, onTag }: { editor: Editor; range: { from: number; to: number }; onTag: (label: Label) => void }) {
  const { from, to } = range;
  // A deferred range may be a render behind a text that shrank.
  if (to > editor.state.doc.content.size) return null;
  const start = editor.view.coordsAtPos(from);
  const end = editor.view.coordsAtPos(to);
  const host = editor.view.dom.closest(".margin-editor-frame")?.getBoundingClientRect();
  if (!host) return null;
  const top = Math.min(start.top, end.top) - host.top - 44;
  const left = Math.max(0, Math.min(start.left - host.left, host.width - 300));
  return (
    <div
      role="toolbar"
      aria-label="Tag the selection"
      className="absolute z-20 flex gap-1 rounded-lg border border-stone-300 bg-white p-1 shadow-md"
      style={{ top: Math.max(0, top), left }}
      onMouseDown={(event) => event.preventDefault()}
    >
      {LABELS.map((label) => (
        <button
          key={label}
          type="button"
          onClick={() => onTag(label)}
          className="flex items-center gap-1 rounded px-2 py-1 text-sm hover:bg-stone-100"
          title={`${LABEL_STYLES[label].name}: ${LABEL_STYLES[label].description} (key ${LABEL_STYLES[label].key})`}
        >
          <kbd className="rounded border border-stone-300 px-1 font-mono text-xs text-stone-500">{LABEL_STYLES[label].key}</kbd>
          <span
            style={{
              textDecorationLine: "underline",
              textDecorationStyle: LABEL_STYLES[label].style,
              textDecorationColor: LABEL_STYLES[label].line,
              backgroundColor: LABEL_STYLES[label].tint,
            }}
          >
            {LABEL_STYLES[label].name}
          </span>
        </button>
      ))}
    </div>
  );
}
