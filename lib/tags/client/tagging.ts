/**
 * What pressing a label key does: the editor marks the selected words with a new tag id at once (so the
 * tagger sees the highlight without waiting), then asks the server to record the tag. If the server
 * refuses, or never answers and has not recorded it, the mark is taken back, so that no mark is left
 * without its tag. Pressing a label's key again on words one already tagged with it selects that tag
 * instead of making a second (the server refuses the twin too). Shared by the article page and the
 * convergence tests.
 */
import type { Editor } from "@tiptap/core";
import type * as Y from "yjs";
import type { Label } from "@/lib/vocabulary";
import { ownState, readTag, tagsMap } from "@/lib/tags/documents";
import { annotatorsOf } from "@/lib/tags/record";
import { ANNOTATION_MARK } from "@/lib/editor/annotation-mark";
import type { TagAnswer, TagClient } from "./tag-client";
import { snapToCharacters, snapToWords } from "@/lib/editor/word-snap";

export type TagSelectionOptions = {
  /** Keep the exact characters rather than whole words (Alt held). */
  exact?: boolean;
  /** The new tag's id (random by default). */
  id?: string;
  /** Called once the mark is placed, before the server answers. */
  onMarked?: (id: string) => void;
  /** The person tagging: their own tag of this label on exactly these words is selected, not doubled. */
  userId?: string;
};

/**
 * The tag of `label` by `userId` whose marks cover exactly `from`–`to`, if there is one. Only tags marked
 * on the first character can, so only those are followed to their ends (not every tag of the article).
 */
function sameTag(editor: Editor, tags: Y.Doc, label: Label, userId: string, from: number, to: number): string | null {
  const doc = editor.state.doc;
  const candidates = (doc.nodeAt(from)?.marks ?? []).filter((mark) => mark.type.name === ANNOTATION_MARK);
  for (const mark of candidates) {
    const id = mark.attrs.id as string;
    const record = readTag(tags, id);
    if (record?.label !== label || !annotatorsOf(record).some((person) => person.id === userId)) continue;
    // The tag's extent: from its first marked text to its last, anywhere in the document.
    let first = -1;
    let last = -1;
    doc.nodesBetween(0, doc.content.size, (node, pos) => {
      if (!node.isText || !mark.isInSet(node.marks)) return;
      if (first < 0) first = pos;
      last = pos + node.nodeSize;
    });
    if (first === from && last === to) return id;
  }
  return null;
}

export async function tagSelection(
  editor: Editor,
  client: TagClient,
  documents: { content: Y.Doc; tags: Y.Doc },
  label: Label,
  options: TagSelectionOptions = {},
): Promise<{ id: string; existing?: boolean } & TagAnswer> {
  const { from, to, empty } = editor.state.selection;
  if (empty) return { id: "", ok: false, error: "Select some words first." };
  const range = (options.exact ? snapToCharacters : snapToWords)(editor.state.doc, from, to);
  const twin = options.userId ? sameTag(editor, documents.tags, label, options.userId, range.from, range.to) : null;
  if (twin) return { id: twin, ok: true, existing: true };
  const id = options.id ?? crypto.randomUUID();
  editor.chain().setTextSelection(range).setAnnotation(id).setTextSelection(range.to).run();
  options.onMarked?.(id);
  const answer = await client.send({ op: "create", id, label, markedAt: ownState(documents.content) });
  // An answer lost with the connection: the tags document says whether the server recorded the tag.
  if (answer.ok || tagsMap(documents.tags).has(id)) return { id, ok: true };
  // An editor closed meanwhile has no mark to take back (its document is gone with it).
  if (!editor.isDestroyed) editor.commands.unsetAnnotation(id);
  return { id, ...answer };
}
