"use client";

import type { Editor } from "@tiptap/react";
import { useEffect, useState } from "react";

/**
 * The editor's two modes and how to use each: tagging (the text is read-only; 1–4 tag the selected words)
 * and, for those who may correct the text, correcting (keys type; Alt with 1–4 still tags). A key press
 * never both tags and types (lib/editor/tag-keys.ts, lib/editor/text-guard.ts).
 */
export function EditingMode({ editor, canTag, canEditText }: { editor: Editor | null; canTag: boolean; canEditText: boolean }) {
  const [correcting, setCorrecting] = useState(false);
  useEffect(() => {
    editor?.commands.setCorrecting(correcting);
  }, [editor, correcting]);

  if (!canTag) return <span className="text-stone-500">Read-only</span>;
  return (
    <>
      {canEditText && (
        <button
          type="button"
          aria-pressed={correcting}
          onClick={() => {
            setCorrecting((on) => !on);
            editor?.commands.focus();
          }}
          className={`rounded border px-2 py-0.5 ${correcting ? "border-amber-600 bg-amber-50 text-amber-900" : "border-stone-300 text-stone-700 hover:bg-stone-100"}`}
        >
          Correct text
        </button>
      )}
      <span className="text-stone-500" data-testid="keys-hint">
        {correcting
          ? "Correcting: keys type. Select words and press Alt+1 actor, Alt+2 claim, Alt+3 figure, Alt+4 quote to tag"
          : "Select words, then press 1 actor, 2 claim, 3 figure, 4 quote"}
      </span>
    </>
  );
}
