"use client";

import { useEffect, type RefObject } from "react";
import { FOCUS_TAG_EVENT, TAG_EVENT } from "@/lib/editor/tag-keys";
import type { Label } from "@/lib/vocabulary";

/**
 * What the keyboard extension announces (lib/editor/tag-keys.ts): tagging the selection with a label, and
 * moving to a tag. It announces them as DOM events, which bubble to the frame, and they are listened for
 * there, not on the editor's own element: when the documents change (a blind annotator marking their work
 * done), a new editor exists before its view is mounted, and reading its element then throws.
 */
export function useTagKeyEvents(
  frame: RefObject<HTMLDivElement | null>,
  onTag: (label: Label) => unknown,
  onFocusTags: (ids: string[]) => void,
): void {
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const tag = (event: Event) => void onTag((event as CustomEvent<Label>).detail);
    const focus = (event: Event) => onFocusTags((event as CustomEvent<string[]>).detail);
    element.addEventListener(TAG_EVENT, tag);
    element.addEventListener(FOCUS_TAG_EVENT, focus);
    return () => {
      element.removeEventListener(TAG_EVENT, tag);
      element.removeEventListener(FOCUS_TAG_EVENT, focus);
    };
  }, [frame, onTag, onFocusTags]);
}
