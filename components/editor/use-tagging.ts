"use client";

import type { Editor } from "@tiptap/react";
import { useCallback, useMemo, useState, type Dispatch, type SetStateAction } from "react";
import { TagClient } from "@/lib/tags/client/tag-client";
import { tagSelection } from "@/lib/tags/client/tagging";
import { selectionIsExact } from "@/lib/editor/word-snap";
import type { Label } from "@/lib/vocabulary";
import type { ArticleDocuments } from "./use-article-documents";
import type { TagLookFeed } from "./use-tag-looks";

/**
 * Tagging the selected words: the editor marks them at once, and the tag is recorded over the socket that
 * carried the mark (lib/tags/client/tagging.ts). The new tag's look (its label, pending) is set before its
 * mark exists, so that the frame after the key press shows it, without React rendering anything first;
 * it stays pending until the server answers. Once recorded, it is selected. `problem` is what went wrong
 * last with a tag, in the server's words, or null; the editor's other tag writes report there too
 * (use-tag-writes.ts).
 */
export function useTagging(
  editor: Editor | null,
  documents: ArticleDocuments,
  looks: TagLookFeed,
  setSelected: Dispatch<SetStateAction<string[]>>,
  userId: string,
) {
  const client = useMemo(() => new TagClient(documents.tagsProvider), [documents]);
  const [problem, setProblem] = useState<string | null>(null);

  const tag = useCallback(
    async (label: Label) => {
      if (!editor) return;
      const id = crypto.randomUUID();
      let marked = "";
      looks.pend(id, label);
      let result: Awaited<ReturnType<typeof tagSelection>>;
      try {
        result = await tagSelection(editor, client, documents, label, {
          id,
          exact: selectionIsExact(editor.state),
          userId,
          onMarked: (id) => {
            marked = id;
            // Read by bench/editor.ts: from the key to the mark, and to the server's answer.
            performance.mark(`margin:tag-marked:${id}`);
          },
        });
      } finally {
        // Also when no mark was placed (nothing selected, or the words already carry this person's tag).
        looks.settle(id);
      }
      if (marked) performance.mark(`margin:tag-answered:${marked}`);
      if (result.ok) {
        setSelected([result.id]);
        setProblem(null);
      } else {
        setProblem(result.error ?? "The tag could not be saved.");
      }
    },
    [editor, client, documents, looks, setSelected, userId],
  );

  return { tag, problem, setProblem };
}
