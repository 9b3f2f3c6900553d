/**
 * The two Yjs documents of an article and the operations the server performs on them.
 *
 * - "content": the text as a ProseMirror fragment (y-prosemirror's layout), with tag marks. Owners and
 *   editors change the text; anyone who may tag adds and removes marks.
 * - "tags": one entry per tag (label, author, attributes, note), written only by the server, so that
 *   authorship and permissions are checked in one place. A tag listed here whose mark is gone from the
 *   content is an orphan: kept, never dropped silently.
 *
 * Server-side edits of the content go through a ProseMirror transform and y-prosemirror's diff
 * (updateYFragment), which changes only what differs and merges with concurrent edits.
 */
import { Node as PMNode } from "@tiptap/pm/model";
import { Transform } from "@tiptap/pm/transform";
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment, updateYFragment, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { ArticleDoc } from "@/lib/articles/content";
import { ANNOTATION_MARK } from "@/lib/editor/annotation-mark";
import { articleSchema } from "@/lib/editor/extensions";
import { projectDocument, rangeOf, type Projection, type Span } from "./projection";

export const CONTENT_FIELD = "content";
export const TAGS_FIELD = "tags";

export type TagRecord = {
  label: string;
  authorId: string;
  authorName: string;
  createdAt: string;
  updatedAt: string;
  attributes: Record<string, unknown>;
  note: string | null;
};

export function contentFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(CONTENT_FIELD);
}

export function tagsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(TAGS_FIELD);
}

export function contentRoot(doc: Y.Doc): PMNode {
  return yXmlFragmentToProseMirrorRootNode(contentFragment(doc), articleSchema);
}

export function projectContent(doc: Y.Doc): Projection {
  return projectDocument(contentRoot(doc));
}

export function readTags(doc: Y.Doc): Map<string, TagRecord> {
  const tags = new Map<string, TagRecord>();
  tagsMap(doc).forEach((entry, id) => tags.set(id, entry.toJSON() as TagRecord));
  return tags;
}

/** Fills an empty content document from stored rich content, with the given tags marked at their spans. */
export function seedContent(doc: Y.Doc, content: ArticleDoc, spans: { id: string; span: Span }[]): void {
  const root = PMNode.fromJSON(articleSchema, content);
  const projection = projectDocument(root);
  const tr = new Transform(root);
  for (const { id, span } of spans) {
    const range = rangeOf(projection, span.start, span.end);
    if (range) tr.addMark(range.from, range.to, articleSchema.marks[ANNOTATION_MARK]!.create({ id }));
  }
  prosemirrorJSONToYXmlFragment(articleSchema, tr.doc.toJSON(), contentFragment(doc));
}

/** Applies a ProseMirror transform to the content document as the smallest Yjs change. */
export function editContent(doc: Y.Doc, edit: (tr: Transform, projection: Projection) => void): void {
  const fragment = contentFragment(doc);
  const { doc: root, meta } = initProseMirrorDoc(fragment, articleSchema);
  const tr = new Transform(root);
  edit(tr, projectDocument(root));
  if (tr.docChanged) doc.transact(() => updateYFragment(doc, fragment, tr.doc, meta));
}

/** Marks the text between two UTF-16 offsets of the projection as tag `id`; false when it holds no words. */
export function markSpan(doc: Y.Doc, id: string, span: Span): boolean {
  let marked = false;
  editContent(doc, (tr, projection) => {
    const range = rangeOf(projection, span.start, span.end);
    if (!range) return;
    tr.addMark(range.from, range.to, articleSchema.marks[ANNOTATION_MARK]!.create({ id }));
    marked = true;
  });
  return marked;
}

/** Removes every mark of tag `id`. */
export function unmarkTag(doc: Y.Doc, id: string): void {
  editContent(doc, (tr) => {
    tr.doc.descendants((node, pos) => {
      for (const mark of node.marks) if (mark.type.name === ANNOTATION_MARK && mark.attrs.id === id) tr.removeMark(pos, pos + node.nodeSize, mark);
    });
  });
}

export function writeTag(doc: Y.Doc, id: string, fields: Partial<TagRecord>): void {
  doc.transact(() => {
    const tags = tagsMap(doc);
    let entry = tags.get(id);
    if (!entry) {
      entry = new Y.Map();
      tags.set(id, entry);
    }
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) entry.set(key, value);
  });
}

export function deleteTag(doc: Y.Doc, id: string): void {
  tagsMap(doc).delete(id);
}
