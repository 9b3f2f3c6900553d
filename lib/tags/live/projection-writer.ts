/**
 * Writes an article's projection (its text and one row per tag, lib/tags/mutations.ts writeProjection) with
 * only what changed since this process last wrote it. Rewriting every row with each tag made recording a
 * tag on a 5,000-tag article cost the article's size in PostgreSQL: now a new tag writes its row, a typed
 * word the text and the rows it moved. What was written is kept per live content document (a document
 * loaded again starts with a full write) and under the epoch it was written with (an article owned again
 * after another instance had it, too); a failed write forgets it, so that the next one is full.
 *
 * Writes of one article run one at a time, in the order asked: the store's and those of tag operations.
 */
import "server-only";
import type { afterLoadDocumentPayload, Extension } from "@hocuspocus/server";
import type * as Y from "yjs";
import { isMoving } from "@/lib/collab/fence";
import { documentName, parseDocumentName } from "@/lib/collab/names";
import { contentRoot, readTags } from "@/lib/tags/documents";
import { writeProjection } from "@/lib/tags/mutations";
import { OffsetIndex } from "@/lib/tags/offsets";
import { projectDocument, type Projection, type Span } from "@/lib/tags/projection";
import { unsafeReadProjectionRows, type StoredProjectionRow } from "@/lib/tags/data";
import { annotatorsOf, statusOf, type TagRecord } from "@/lib/tags/record";
import { KeyedQueue } from "./keyed-queue";
import { runAfterTextChange } from "./after-text-change";

/**
 * A row as written: the record it came from (replaced whole on every change), its place in the text in
 * UTF-16 (the projection's) and in code points (the row's), and its words.
 */
type WrittenRow = { record: TagRecord; span: Span | null; start: number | null; end: number | null; words: string | null };

type Written = { epoch: bigint; text: string; content: string; rows: Map<string, WrittenRow> };

/** Each row's place in code points and its words, as the projection gives them. */
function placesOf(projection: Projection, tags: Map<string, TagRecord>): Map<string, WrittenRow> {
  const offsets = new OffsetIndex(projection.text);
  const rows = new Map<string, WrittenRow>();
  for (const [id, record] of tags) {
    const span = projection.spans.get(id);
    rows.set(
      id,
      span
        ? {
            record,
            span,
            start: offsets.toCodePoint(span.start),
            end: offsets.toCodePoint(span.end),
            words: projection.text.slice(span.start, span.end),
          }
        : { record, span: null, start: null, end: null, words: null },
    );
  }
  return rows;
}

/** JSON with every object's keys sorted, as jsonb compares them. */
const canonical = (value: unknown): string =>
  JSON.stringify(value ?? null, (_, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );

/** Whether a stored row already says what `row` would write (writeProjection's own comparison, in JavaScript). */
function storedAs(stored: StoredProjectionRow | undefined, row: WrittenRow): boolean {
  const { record } = row;
  const annotators = annotatorsOf(record).map((person) => person.id);
  return (
    stored !== undefined &&
    stored.label === record.label &&
    stored.start === row.start &&
    stored.end === row.end &&
    (row.start === null || stored.text === row.words) &&
    canonical(stored.attributes) === canonical(record.attributes ?? {}) &&
    stored.note === (record.note ?? null) &&
    stored.status === statusOf(record) &&
    stored.annotatorIds.length === annotators.length &&
    stored.annotatorIds.every((id, index) => id === annotators[index])
  );
}

/** Whether a tag's record was replaced or its marks moved since its row was written (or it has none). */
const movedOrChanged = (before: WrittenRow | undefined, record: TagRecord, span: Span | undefined) =>
  !before || before.record !== record || before.span?.start !== span?.start || before.span?.end !== span?.end;

const sameRow = (a: WrittenRow, b: WrittenRow) =>
  a.start === b.start &&
  a.end === b.end &&
  a.words === b.words &&
  (a.record === b.record || JSON.stringify(a.record) === JSON.stringify(b.record));

export class ProjectionWriter {
  private readonly written = new WeakMap<Y.Doc, Written>();
  private readonly queue = new KeyedQueue();

  /** Writes the projection of the article's documents as they are when its turn comes. */
  write(articleId: string, documents: { content: Y.Doc; tags: Y.Doc }, epoch: bigint): Promise<void> {
    return this.queue.run(articleId, () => this.writeNow(articleId, documents, epoch));
  }

  private async writeNow(articleId: string, { content, tags: tagsDoc }: { content: Y.Doc; tags: Y.Doc }, epoch: bigint): Promise<void> {
    const projection = projectDocument(contentRoot(content));
    const tags = readTags(tagsDoc);
    const last = this.written.get(content);
    const contentKey = projection.contentKey;
    // Forgotten until this write is done: one that fails must leave the next to write everything.
    this.written.delete(content);
    if (!last || last.epoch !== epoch) {
      // What is stored is unknown here: read it and write what differs. Rewriting every row of a 5,000-tag
      // article kept PostgreSQL busy for most of a second, and the first tag after opening waited for it.
      const rows = placesOf(projection, tags);
      const stored = await unsafeReadProjectionRows(articleId);
      const upsert = new Set([...rows].filter(([id, row]) => !storedAs(stored.get(id), row)).map(([id]) => id));
      const remove = [...stored.keys()].filter((id) => !tags.has(id));
      await writeProjection(articleId, projection, tags, epoch, { upsert, remove, text: true });
      this.written.set(content, { epoch, text: projection.text, content: contentKey, rows });
      return;
    }
    const textChanged = projection.text !== last.text || contentKey !== last.content;
    // A changed text may have moved every tag after the change; the same text, only tags whose record or
    // marks changed (found without converting every offset).
    const candidates = textChanged
      ? tags
      : new Map([...tags].filter(([id, record]) => movedOrChanged(last.rows.get(id), record, projection.spans.get(id))));
    const rows = textChanged ? new Map<string, WrittenRow>() : new Map(last.rows);
    const upsert = new Set<string>();
    for (const [id, row] of placesOf(projection, candidates)) {
      rows.set(id, row);
      const before = last.rows.get(id);
      if (!before || !sameRow(before, row)) upsert.add(id);
    }
    const remove = [...last.rows.keys()].filter((id) => !tags.has(id));
    for (const id of remove) rows.delete(id);
    if (upsert.size || remove.length || textChanged)
      await writeProjection(articleId, projection, tags, epoch, { upsert, remove, text: textChanged });
    this.written.set(content, { epoch, text: projection.text, content: contentKey, rows });
    // Once written, so that what runs after (suggestions for the changed paragraphs) reads the new text.
    if (projection.text !== last.text) runAfterTextChange(articleId, last.text, projection.text);
  }
}

/**
 * Writes the whole projection once an article's two documents are loaded, in the background (what differs
 * from what is stored), and readies what the first tag operation would otherwise build on its way (the
 * publisher's shadow of the tags document): the first tag after opening a 5,000-tag article waited most of a
 * second for both.
 */
export class ProjectionPrimer implements Extension {
  readonly extensionName = "margin-projection-primer";

  constructor(
    private readonly writer: ProjectionWriter,
    private readonly fence: (articleId: string) => bigint,
    private readonly prepare: (articleId: string, tags: Y.Doc) => void,
  ) {}

  async afterLoadDocument({ documentName: name, document, instance }: afterLoadDocumentPayload): Promise<void> {
    const parsed = parseDocumentName(name);
    if (!parsed || (parsed.kind !== "content" && parsed.kind !== "tags")) return;
    // Hocuspocus lists a document once this hook is done: this one is `document`, the other may be loading.
    const otherName = documentName(parsed.articleId, parsed.kind === "content" ? "tags" : "content");
    const other = instance.documents.get(otherName) ?? instance.loadingDocuments.get(otherName);
    if (!other) return;
    void Promise.resolve(other)
      .then(async (loaded) => {
        const documents = parsed.kind === "content" ? { content: document, tags: loaded } : { content: loaded, tags: document };
        await this.writer.write(parsed.articleId, documents, this.fence(parsed.articleId));
        this.prepare(parsed.articleId, documents.tags);
      })
      .catch((error: unknown) => {
        if (!isMoving(error)) console.warn(`[collab] projection of article ${parsed.articleId} not written on loading`, error);
      });
  }
}
