"use client";

import type { Editor } from "@tiptap/react";
import { startTransition, useCallback, useEffect, useState } from "react";
import { selectionSpan } from "@/lib/tags/client/selection-span";
import { projectDocument } from "@/lib/tags/projection";
import type { TagSpanView } from "./tag-panel";

/**
 * Where each tag lies in the text (the panel's list, the details, the review queue), recomputed shortly
 * after changes rather than on every keystroke, and handed to React as a transition: what lists every tag
 * renders a slice at a time, never holding a keystroke's or a new tag's frame. And the selection as offsets,
 * projected when asked. bench/editor.ts reads the performance marks around the first projection.
 */
export function useTagSpans(editor: Editor | null) {
  const [spans, setSpans] = useState<Map<string, TagSpanView>>(new Map());
  useEffect(() => {
    if (!editor) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const project = () => {
      const projected = projectDocument(editor.state.doc);
      return new Map(
        [...projected.spans].map(([id, span]) => [
          id,
          { text: projected.text.slice(span.start, span.end), start: span.start, end: span.end },
        ]),
      );
    };
    const recompute = () => setSpans(project());
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const next = project();
        startTransition(() => setSpans(next));
      }, 150);
    };
    performance.mark("margin:editor");
    recompute();
    performance.mark("margin:spans");
    editor.on("update", schedule);
    return () => {
      clearTimeout(timer);
      editor.off("update", schedule);
    };
  }, [editor]);

  /** The selection as offsets into the text, projected now: the spans refreshed when typing pauses may be behind. */
  const selectionAsSpan = useCallback(() => {
    if (!editor) return null;
    const projected = projectDocument(editor.state.doc);
    const { from, to } = editor.state.selection;
    const span = selectionSpan(projected, from, to);
    return span && { ...span, text: projected.text.slice(span.start, span.end) };
  }, [editor]);

  return { spans, selectionAsSpan };
}
