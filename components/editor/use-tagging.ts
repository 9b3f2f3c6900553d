"use client";

import type { Editor } from "@tiptap/react";
import { useCallback, useMemo, useState, type Dispatch, type SetStateAction } from "react";
import { TagClient } from "@/lib/tags/client/tag-client";
import { tagSelection } from "@/lib/tags/client/tagging";
import { selectionIsExact } from "@/lib/editor/word-snap";
import type { Label } from "@/lib/vocabulary";
import type { ArticleDocuments } from "./use-article-documents";

/**
 * Tagging the selected words: the editor marks them at once, and the tag is recorded over the socket that
 * carried the mark (lib/tags/client/tagging.ts). Until the server answers, the new tag shows as pending;
 * once recorded, it is selected. `problem` is what went wrong last with a tag, in the server's words, or
 * null; the editor's other tag writes report there too (use-tag-writes.ts).
 */
export function useTagging(
  editor: Editor | null,
  documents: ArticleDocuments,
  setSelected: Dispatch<SetStateAction<string[]>>,
  userId: string,
) {
  const client = useMemo(() => new TagClient(documents.tagsProvider), [documents]);
  const [pending, setPending] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  const tag = useCallback(
    async (label: Label) => {
      if (!editor) return;
      let marked = "";
      const result = await tagSelection(editor, client, documents, label, {
        exact: selectionIsExact(editor.state),
        userId,
        onMarked: (id) => {
          marked = id;
          // Read by bench/editor.ts: from the key to the mark, and to the server's answer.
          performance.mark(`margin:tag-marked:${id}`);
          setPending((ids) => [...ids, id]);
        },
      });
      if (marked) performance.mark(`margin:tag-answered:${marked}`);
      if (marked) setPending((ids) => ids.filter((other) => other !== marked));
      if (result.ok) {
        setSelected([result.id]);
        setProblem(null);
      } else {
        setProblem(result.error ?? "The tag could not be saved.");
      }
    },
    [editor, client, documents, setSelected, userId],
  );

  return { tag, pending, problem, setProblem };
}
