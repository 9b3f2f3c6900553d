/**
 * The two Yjs documents of an article and the operations the server performs on them.
 *
 * - "content": the text as a ProseMirror fragment (y-prosemirror's layout), with tag marks. Owners and
 *   editors change the text; anyone who may tag adds and removes marks.
 * - "tags": one entry per tag (label, author, attributes, note), written only by the server, so that
 *   authorship and permissions are checked in one place. A tag listed here whose mark is gone from the
 *   content is an orphan: kept, never dropped silently. Beside it, the ids of deleted tags: a concurrent
 *   edit or an undo can copy a deleted tag's mark back, and the server removes such marks when it stores.
 *
 * Server-side edits of the content go through a ProseMirror transform and y-prosemirror's diff
 * (updateYFragment), which changes only what differs and merges with concurrent edits.
 */
import { Fragment, Node as PMNode, type Mark as PMMark } from "@tiptap/pm/model";
import { Transform } from "@tiptap/pm/transform";
import { initProseMirrorDoc, prosemirrorToYXmlFragment, updateYFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { ArticleDoc } from "@/lib/articles/content";
import { ANNOTATION_MARK } from "@/lib/editor/annotation-mark";
import { articleSchema } from "@/lib/editor/extensions";
import { CONTENT_FIELD } from "@/lib/collab/names";
import { readContentIncrementally } from "./content-reader";
import { projectDocument, rangeOf, type Projection, type Span } from "./projection";
import { annotatorsOf, type TagRecord } from "./record";

export const TAGS_FIELD = "tags";
/** Ids of deleted tags (and of tags the server refused), with when: their marks are removed wherever they turn up. */
export const DELETED_FIELD = "deleted";

export function contentFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(CONTENT_FIELD);
}

/**
 * Tag id → its record. Each record is one JSON value, replaced whole on a change: the server is the only
 * writer, one write at a time, so nothing needs field-by-field merging, and one value per tag keeps an
 * article with 5,000 tags a fifth of the size it is as nested maps (quicker to load, send and apply).
 * Documents stored before held a Y.Map per tag; readTags still reads those.
 */
export function tagsMap(doc: Y.Doc): Y.Map<TagRecord | Y.Map<unknown>> {
  return doc.getMap(TAGS_FIELD);
}

function recordOf(entry: TagRecord | Y.Map<unknown>): TagRecord {
  return entry instanceof Y.Map ? (entry.toJSON() as TagRecord) : entry;
}

export function deletedTags(doc: Y.Doc): Y.Map<string> {
  return doc.getMap(DELETED_FIELD);
}

/** Recently deleted tags, kept so that their deletion can be undone: the record, its words and where. */
export const TRASH_FIELD = "trash";
/** How long a deletion can be undone. */
export const UNDO_DELETE_MS = 60 * 60 * 1000;

export type TrashedTag = { record: TagRecord; text: string | null; start: number | null; at: string };

export function tagsTrash(doc: Y.Doc): Y.Map<TrashedTag> {
  return doc.getMap(TRASH_FIELD);
}

/** How far one Yjs client's changes to a document go: its id, and the clock just past its last change. */
export type ClientState = { client: number; clock: number };

/** This document's own changes so far (the editor's, just after it marked a tag). */
export function ownState(doc: Y.Doc): ClientState {
  return { client: doc.clientID, clock: Y.getState(doc.store, doc.clientID) };
}

/** Whether a document has applied every change a client had made up to `state`. */
export function hasState(doc: Y.Doc, state: ClientState): boolean {
  return Y.getState(doc.store, state.client) >= state.clock;
}

/** Every tag id that marks some text. */
export function markedTagIds(root: PMNode): Set<string> {
  const ids = new Set<string>();
  root.descendants((node) => {
    for (const mark of node.marks) if (mark.type.name === ANNOTATION_MARK) ids.add(mark.attrs.id as string);
  });
  return ids;
}

/**
 * The content as ProseMirror's document, read without changing it (lib/tags/content-schema.ts): throws
 * ContentError for content the schema refuses, where y-tiptap's reading would delete it.
 */
export function contentRoot(doc: Y.Doc): PMNode {
  return readContentIncrementally(contentFragment(doc));
}

export function projectContent(doc: Y.Doc): Projection {
  return projectDocument(contentRoot(doc));
}

/** One tag's record, or undefined. */
export function readTag(doc: Y.Doc, id: string): TagRecord | undefined {
  const entry = tagsMap(doc).get(id);
  return entry && recordOf(entry);
}

export function readTags(doc: Y.Doc): Map<string, TagRecord> {
  const tags = new Map<string, TagRecord>();
  tagsMap(doc).forEach((entry, id) => tags.set(id, recordOf(entry)));
  return tags;
}

type MarkedRange = { from: number; to: number; mark: PMMark };

/**
 * `root` with its text marked in each range (sorted by `from`), in one sweep through the document: a
 * Transform step per tag rebuilt a paragraph per tag, a quarter of a second for 5,000 tags. Only text
 * takes the marks, as in the editor, where line breaks carry none (annotation-mark.ts).
 */
function withMarks(root: PMNode, ranges: MarkedRange[]): PMNode {
  let next = 0;
  let active: MarkedRange[] = [];
  const visit = (node: PMNode, start: number): PMNode => {
    active = active.filter((range) => range.to > start);
    // Nothing begins or goes on inside this node: it stays as it is.
    if (!active.length && (next >= ranges.length || ranges[next]!.from >= start + node.content.size)) return node;
    const children: PMNode[] = [];
    node.forEach((child, offset) => {
      const at = start + offset;
      if (!node.isTextblock) return void children.push(visit(child, at + 1));
      if (!child.isText) return void children.push(child);
      // Cut the text wherever a range begins or ends; each piece takes the marks of the ranges over it.
      for (let from = 0; from < child.nodeSize;) {
        while (next < ranges.length && ranges[next]!.from <= at + from) active.push(ranges[next++]!);
        active = active.filter((range) => range.to > at + from);
        let to = Math.min(child.nodeSize, next < ranges.length ? ranges[next]!.from - at : Infinity);
        for (const range of active) to = Math.min(to, range.to - at);
        children.push(
          articleSchema.text(
            child.text!.slice(from, to),
            active.reduce((marks, range) => range.mark.addToSet(marks), child.marks),
          ),
        );
        from = to;
      }
    });
    // fromArray joins neighbouring text of the same marks, as ProseMirror's own steps do.
    return node.copy(Fragment.fromArray(children));
  };
  return visit(root, 0);
}

/** Fills an empty content document from stored rich content, with the given tags marked at their spans. */
export function seedContent(doc: Y.Doc, content: ArticleDoc, spans: { id: string; span: Span }[]): void {
  const root = PMNode.fromJSON(articleSchema, content);
  const projection = projectDocument(root);
  const type = articleSchema.marks[ANNOTATION_MARK]!;
  const ranges = spans
    .flatMap(({ id, span }) => {
      const range = rangeOf(projection, span.start, span.end);
      return range ? [{ ...range, mark: type.create({ id }) }] : [];
    })
    .sort((a, b) => a.from - b.from);
  prosemirrorToYXmlFragment(withMarks(root, ranges), contentFragment(doc));
}

/** Applies a ProseMirror transform to the content document as the smallest Yjs change. */
export function editContent(doc: Y.Doc, edit: (tr: Transform, projection: Projection) => void): void {
  const fragment = contentFragment(doc);
  const { doc: root, meta } = initProseMirrorDoc(fragment, articleSchema);
  const tr = new Transform(root);
  edit(tr, projectDocument(root));
  if (tr.docChanged) doc.transact(() => updateYFragment(doc, fragment, tr.doc, meta));
}

/**
 * Applies a ProseMirror transform to each top-level block `touched` picks, as the smallest Yjs change of
 * that block: only those blocks are diffed (editContent reads and diffs the whole article, a quarter of a
 * second at 5,000 tags, for a mark on two words). For changes that keep the blocks as they are (marks).
 * `edit` gets a document of that one block and the block's position in the whole one.
 */
function editBlocks(doc: Y.Doc, touched: (block: PMNode, pos: number) => boolean, edit: (tr: Transform, pos: number) => void): void {
  const root = contentRoot(doc);
  const changed: { index: number; block: PMNode }[] = [];
  root.forEach((block, pos, index) => {
    if (!touched(block, pos)) return;
    const tr = new Transform(articleSchema.topNodeType.create(null, block));
    edit(tr, pos);
    if (tr.docChanged) changed.push({ index, block: tr.doc.child(0) });
  });
  if (!changed.length) return;
  const fragment = contentFragment(doc);
  doc.transact(() => {
    for (const { index, block } of changed)
      updateYFragment(doc, fragment.get(index) as Y.XmlElement, block, { mapping: new Map(), isOMark: new Map() });
  });
}

/** Marks the text between two UTF-16 offsets of the projection as tag `id`; false when it holds no words. */
export function markSpan(doc: Y.Doc, id: string, span: Span): boolean {
  const range = rangeOf(projectContent(doc), span.start, span.end);
  if (!range) return false;
  const mark = articleSchema.marks[ANNOTATION_MARK]!.create({ id });
  editBlocks(
    doc,
    (block, pos) => pos < range.to && pos + block.nodeSize > range.from,
    (tr, pos) => tr.addMark(Math.max(0, range.from - pos), Math.min(tr.doc.content.size, range.to - pos), mark),
  );
  return true;
}

/** Removes every mark of the given tags. */
export function unmarkTags(doc: Y.Doc, ids: ReadonlySet<string>): void {
  const isRemoved = (mark: PMMark) => mark.type.name === ANNOTATION_MARK && ids.has(mark.attrs.id as string);
  editBlocks(
    doc,
    (block) => {
      let found = false;
      block.descendants((node) => !(found ||= node.marks.some(isRemoved)));
      return found;
    },
    (tr) => {
      tr.doc.descendants((node, pos) => {
        for (const mark of node.marks) if (isRemoved(mark)) tr.removeMark(pos, pos + node.nodeSize, mark);
      });
    },
  );
}

export function unmarkTag(doc: Y.Doc, id: string): void {
  unmarkTags(doc, new Set([id]));
}

/** Creates or updates tag `id`'s record with the fields given (undefined ones are left as they are). */
export function writeTag(doc: Y.Doc, id: string, fields: Partial<TagRecord>): void {
  const tags = tagsMap(doc);
  const current = tags.get(id);
  const record = { ...(current ? recordOf(current) : {}) } as Record<string, unknown>;
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) record[key] = value;
  tags.set(id, record as TagRecord);
}

/**
 * Deletes a tag's entry and remembers its id as deleted, so that no mark of it may come back. With `words`
 * (its text and UTF-16 start, or nulls for an orphan), its record goes to the trash for an undo; deletions
 * older than UNDO_DELETE_MS leave the trash as this one comes in.
 */
export function deleteTag(doc: Y.Doc, id: string, at: string, words?: { text: string | null; start: number | null }): void {
  doc.transact(() => {
    const entry = tagsMap(doc).get(id);
    tagsMap(doc).delete(id);
    deletedTags(doc).set(id, at);
    if (!words || !entry) return;
    const trash = tagsTrash(doc);
    const oldest = Date.parse(at) - UNDO_DELETE_MS;
    for (const [other, trashed] of trash) if (Date.parse(trashed.at) < oldest) trash.delete(other);
    trash.set(id, { record: recordOf(entry), ...words, at });
  });
}

/**
 * Brings a blind annotator's view of the tags up to date with the tags document: their own tags (those
 * they are among the annotators of) and the deleted ids, nothing of their colleagues'. Changes only what
 * differs, so that their editor sees ordinary small updates. `only`: the ids that changed in the tags
 * document since the view was last brought up to date (a publish changes a few of thousands).
 */
export function syncTagsView(view: Y.Doc, source: Y.Doc, userId: string, only?: ReadonlySet<string>): void {
  const tags = tagsMap(view);
  const deleted = deletedTags(view);
  const sourceTags = tagsMap(source);
  const sourceDeleted = deletedTags(source);
  const ownOf = (id: string): TagRecord | undefined => {
    const entry = sourceTags.get(id);
    const tag = entry && recordOf(entry);
    return tag && annotatorsOf(tag).some((person) => person.id === userId) ? tag : undefined;
  };
  view.transact(() => {
    const update = (id: string) => {
      const tag = ownOf(id);
      const current = tags.get(id);
      if (!tag) {
        if (current) tags.delete(id);
      } else if (!current || JSON.stringify(recordOf(current)) !== JSON.stringify(tag)) tags.set(id, tag);
      const at = sourceDeleted.get(id);
      if (at !== undefined && !deleted.has(id)) deleted.set(id, at);
    };
    if (only) return only.forEach(update);
    for (const id of [...tags.keys()]) if (!sourceTags.has(id)) tags.delete(id);
    sourceTags.forEach((_, id) => update(id));
    sourceDeleted.forEach((at, id) => {
      if (!deleted.has(id)) deleted.set(id, at);
    });
  });
}
