"use client";

import { useEditor, type Editor } from "@tiptap/react";
import { ANNOTATION_MARK } from "@/lib/editor/annotation-mark";
import { collaborationExtensions } from "@/lib/editor/collaboration";
import { articleExtensions } from "@/lib/editor/extensions";
import { Presence, type PresenceUser } from "@/lib/editor/presence";
import { Suggestions } from "@/lib/editor/suggestions";
import { TagCorrections } from "@/lib/editor/tag-corrections";
import { TagKeys } from "@/lib/editor/tag-keys";
import { TagLabels, tagLabelsKey, type LabelsRefresh } from "@/lib/editor/tag-labels";
import { readTag, tagsMap } from "@/lib/tags/documents";
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import { TextGuard } from "@/lib/editor/text-guard";
import { WordSnap } from "@/lib/editor/word-snap";
import { LABEL_KEYS } from "@/lib/tags/label-styles";
import { useEffect } from "react";
import * as Y from "yjs";
import type { ArticleDocuments } from "./use-article-documents";
import type { TagLookFeed } from "./use-tag-looks";

type Options = {
  documents: ArticleDocuments;
  /** The tags' looks and labels, for the documents' tags (use-tag-looks.ts). */
  looks: TagLookFeed;
  permissions: { canTag: boolean; canEditText: boolean };
  language: string | null;
  self: PresenceUser;
  /** A click that selects nothing, with the tags under it (several where tags overlap). Must be stable. */
  onClickTags: (ids: string[]) => void;
};

function tagIdsAt(doc: Editor["state"]["doc"], pos: number): string[] {
  const $pos = doc.resolve(pos);
  const marks = [...($pos.nodeAfter?.marks ?? []), ...($pos.nodeBefore?.marks ?? [])];
  return [...new Set(marks.filter((mark) => mark.type.name === ANNOTATION_MARK).map((mark) => mark.attrs.id as string))];
}

/**
 * The Tiptap editor on the article's live documents: Margin's extensions, colleagues' carets, word snapping,
 * the label keys, and the text guard for those who may tag but not edit. A new one for new documents (a
 * blind annotator marking their work done reads another view of the tags).
 */
export function useLiveEditor({ documents, looks, permissions, language, self, onClickTags }: Options): Editor | null {
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: permissions.canTag,
      extensions: [
        ...articleExtensions({ looks: looks.looks }),
        ...collaborationExtensions(documents.content),
        Presence.configure({ awareness: documents.contentProvider.awareness, user: self }),
        WordSnap,
        TagCorrections,
        TagLabels.configure({
          deferFirst: true,
          looks: looks.looks,
          // A tag being recorded has its name at once, as it has its look.
          labelOf: (id) => {
            const label = looks.labelOf(id);
            return label ? { name: LABEL_STYLES[label].name, kind: label } : null;
          },
        }),
        TagKeys.configure({ enabled: permissions.canTag, keys: LABEL_KEYS }),
        // Machine suggestions as decorations, outside the shared document (viewers get none).
        Suggestions.configure({ enabled: permissions.canTag }),
        // Tagging mode first: the text is read-only until "Correct text" is switched on.
        TextGuard.configure({ canEditText: permissions.canEditText, correcting: false }),
      ],
      editorProps: {
        attributes: {
          class: "margin-editor font-serif text-lg leading-loose outline-none",
          "aria-label": "Article text",
          "data-testid": "article-text",
          ...(language ? { lang: language } : {}),
        },
        handleClick: (view, pos) => {
          if (view.state.selection.empty) onClickTags(tagIdsAt(view.state.doc, pos));
          return false;
        },
      },
    },
    [documents],
  );
  // A new, deleted or relabelled tag changes the names on the text: those tags' blocks are looked at again
  // (a note, an attribute or a decision changes none), found through their elements (lib/editor/tag-labels.ts).
  useEffect(() => {
    if (!editor) return;
    let changed = new Set<string>();
    const labelOf = (record: unknown) =>
      record instanceof Y.Map ? record.get("label") : (record as { label?: unknown } | undefined)?.label;
    const refresh = (event: { changes: { keys: Map<string, { action: string; oldValue: unknown }> } }) => {
      if (!changed.size)
        // Once per turn, for every tag changed in it.
        queueMicrotask(() => {
          const ids = changed;
          changed = new Set();
          if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(tagLabelsKey, { ids } satisfies LabelsRefresh));
        });
      for (const [id, change] of event.changes.keys) {
        if (change.action === "update" && labelOf(change.oldValue) === readTag(documents.tags, id)?.label) continue;
        changed.add(id);
      }
    };
    const tags = tagsMap(documents.tags);
    tags.observe(refresh);
    return () => tags.unobserve(refresh);
  }, [editor, documents]);
  return editor;
}
