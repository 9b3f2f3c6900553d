"use client";

import { useState } from "react";
import type { ApiAnswer } from "@/lib/api-client/call";
import { deleteTag, moveTag, restoreTag, updateTag, type TagChanges } from "@/lib/api-client/tags";

type Options = {
  /** Where the editor shows what went wrong (null clears it). */
  setProblem: (problem: string | null) => void;
  setSelected: (ids: string[]) => void;
  /** The words selected in the text, as offsets (use-tag-spans.ts). */
  selectionAsSpan: () => { start: number; end: number } | null;
};

/**
 * The editor's changes to existing tags, over HTTP (lib/api-client/call.ts says why not the socket). Each
 * shows the API's error message, or clears the last one; the change itself arrives through the tags document.
 * A deletion can be undone (`deleted`, then `undoDelete`): the server keeps the tag for an hour.
 */
export function useTagWrites({ setProblem, setSelected, selectionAsSpan }: Options) {
  /** Shows the answer's error (or clears it), and returns it for a form to show too. */
  const report = (answer: ApiAnswer<unknown>) => {
    const error = answer.ok ? null : answer.error;
    setProblem(error);
    return error;
  };
  const [deleted, setDeleted] = useState<string | null>(null);
  return {
    update: (id: string, changes: TagChanges) => updateTag(id, changes).then(report),
    async remove(id: string) {
      const error = report(await deleteTag(id));
      if (!error) setDeleted(id);
      return error;
    },
    /** The tag deleted last, while its deletion can be undone from the page. */
    deleted,
    dismissDeleted: () => setDeleted(null),
    async undoDelete() {
      if (!deleted) return;
      const error = report(await restoreTag(deleted));
      if (!error) setSelected([deleted]);
      setDeleted(null);
    },
    restore: (id: string) => restoreTag(id).then(report),
    /** An orphan onto the selected words, as selected (mouse selections are already snapped to words). */
    async attach(id: string) {
      const span = selectionAsSpan();
      if (!span) return setProblem("Select the words to attach the tag to, then choose “Attach to selected words”.");
      const answer = await moveTag(id, { start: span.start, end: span.end });
      report(answer);
      if (answer.ok) setSelected([id]);
    },
  };
}
