/**
 * PostgreSQL side of an article's tags: a tags document's change written with its journal (history,
 * decisions, comments), the first-time building of both live documents from the stored article, and the
 * projection (article text, one row per tag) that review, search and export read.
 */
import "server-only";
import * as Y from "yjs";
import { countWords } from "@/lib/articles/canonical-text";
import type { ArticleDoc } from "@/lib/articles/content";
import { assertOwner } from "@/lib/collab/mutations";
import type { DocumentKind } from "@/lib/collab/names";
import { Prisma, prisma } from "@/lib/db/prisma";
import { annotatorsOf, AUTO_REVIEWER_NAME, statusOf, type TagRecord } from "./record";
import { seedContent, writeTag } from "./documents";
import { DECISION } from "./data";
import type { Journal } from "./journal";
import { OffsetIndex } from "./offsets";
import type { Projection } from "./projection";

/**
 * Appends a change of the tags document together with what the operation recorded (history, review
 * decisions, comments): one transaction, so that neither is ever stored without the other, and only while
 * this instance owns the article under `epoch` (lib/collab/fence.ts).
 */
export async function appendTagsUpdate(
  articleId: string,
  update: Uint8Array | null,
  journal: Journal,
  epoch: bigint,
): Promise<bigint | null> {
  const at = (entry: { at: string }) => new Date(entry.at);
  const records: Prisma.PrismaPromise<unknown>[] = journal.map((entry) => {
    switch (entry.type) {
      case "event":
        return prisma.annotationEvent.create({
          data: {
            annotationId: entry.annotationId,
            articleId,
            actorId: entry.actorId,
            kind: entry.kind,
            data: entry.data as Prisma.InputJsonObject,
            createdAt: at(entry),
          },
          select: { id: true },
        });
      case "review":
        return prisma.annotationReview.create({
          data: {
            id: entry.id,
            annotationId: entry.annotationId,
            articleId,
            reviewerId: entry.reviewerId,
            decision: entry.decision,
            comment: entry.comment,
            createdAt: at(entry),
          },
          select: { id: true },
        });
      case "comment":
        return prisma.annotationComment.create({
          data: {
            id: entry.id,
            annotationId: entry.annotationId,
            articleId,
            authorId: entry.authorId,
            kind: entry.kind,
            body: entry.body,
            createdAt: at(entry),
            mentions: { create: entry.mentions.map((userId) => ({ userId })) },
          },
          select: { id: true },
        });
      case "move-comments":
        return prisma.annotationComment.updateMany({
          where: { articleId, annotationId: { in: entry.from } },
          data: { annotationId: entry.to },
        });
    }
  });
  if (!update) {
    await prisma.$transaction([assertOwner(articleId, epoch), ...records]);
    return null;
  }
  const [, row] = await prisma.$transaction([
    assertOwner(articleId, epoch),
    prisma.articleDocumentUpdate.create({
      data: { articleId, name: "tags", data: update as Uint8Array<ArrayBuffer> },
      select: { id: true },
    }),
    ...records,
  ]);
  return row.id;
}

/**
 * The first time an article is opened live, builds both documents from what PostgreSQL holds (its rich
 * content and tag rows) and stores them at once, under a lock: a document built twice would hold its text
 * twice once clients merged both copies. Returns the states it stored, or null when the documents existed.
 */
export async function seedDocuments(articleId: string): Promise<Record<DocumentKind, Uint8Array> | null> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`margin:seed:${articleId}`}))`;
      if ((await tx.articleDocument.count({ where: { articleId } })) > 0) return null;
      const article = await tx.article.findUniqueOrThrow({
        where: { id: articleId },
        select: {
          text: true,
          content: true,
          annotations: {
            select: {
              id: true,
              label: true,
              start: true,
              end: true,
              authorId: true,
              attributes: true,
              note: true,
              status: true,
              annotatorIds: true,
              createdAt: true,
              updatedAt: true,
              author: { select: { name: true, email: true } },
            },
          },
          // The last decision on each tag (an imported dataset arrives with its review).
          reviews: { orderBy: { createdAt: "asc" }, select: DECISION },
        },
      });
      const lastReview = new Map(article.reviews.map((review) => [review.annotationId, review]));
      const people = new Map(
        (
          await tx.user.findMany({
            where: { id: { in: [...new Set(article.annotations.flatMap((row) => row.annotatorIds))] } },
            select: { id: true, name: true, email: true },
          })
        ).map((user) => [user.id, user.name ?? user.email]),
      );
      const content = new Y.Doc();
      const tags = new Y.Doc();
      const offsets = new OffsetIndex(article.text);
      seedContent(
        content,
        article.content as ArticleDoc,
        article.annotations
          .filter((row) => row.start !== null && row.end !== null)
          .map((row) => ({ id: row.id, span: { start: offsets.toUtf16(row.start!), end: offsets.toUtf16(row.end!) } })),
      );
      tags.transact(() => {
        for (const row of article.annotations) {
          const review = lastReview.get(row.id);
          writeTag(tags, row.id, {
            label: row.label,
            authorId: row.authorId,
            authorName: row.author.name ?? row.author.email,
            createdAt: row.createdAt.toISOString(),
            updatedAt: row.updatedAt.toISOString(),
            attributes: (row.attributes ?? {}) as Record<string, unknown>,
            note: row.note,
            status: row.status,
            ...(review
              ? {
                  review: {
                    decision: review.decision,
                    reviewerId: review.reviewer?.id ?? null,
                    reviewerName: review.reviewer ? (review.reviewer.name ?? review.reviewer.email) : AUTO_REVIEWER_NAME,
                    at: review.createdAt.toISOString(),
                    comment: review.comment,
                  },
                }
              : {}),
            ...(row.annotatorIds.length > 1 ? { annotators: row.annotatorIds.map((id) => ({ id, name: people.get(id) ?? id })) } : {}),
          });
        }
      });
      const states = { content: Y.encodeStateAsUpdate(content), tags: Y.encodeStateAsUpdate(tags) };
      await tx.articleDocument.createMany({
        data: [
          { articleId, name: "content", state: states.content as Uint8Array<ArrayBuffer> },
          { articleId, name: "tags", state: states.tags as Uint8Array<ArrayBuffer> },
        ],
      });
      return states;
      // Building a 20,000-tag article's documents took 5 s on a busy machine, Prisma's default limit for a
      // transaction (bench/editor.ts): the first opening of such an article failed.
    },
    { timeout: 60_000 },
  );
}

/**
 * What of the projection changed since the last write (lib/tags/live/projection-writer.ts): the tags whose
 * rows to write, the ids whose rows to delete, and whether the text or content changed.
 */
export type ProjectionChanges = { upsert: ReadonlySet<string>; remove: readonly string[]; text: boolean };

/**
 * Writes the projection: the article's text and content, and one row per tag with its offsets in code
 * points (orphans keep their last text, with no offsets). One statement per table, whatever the number of
 * tags, so that a correction that moves 5,000 tags costs one round trip. With `changes`, only those (a new
 * tag is one row, not the article's 5,000); without, everything, and rows of tags no longer there go.
 */
export async function writeProjection(
  articleId: string,
  projection: Projection,
  tags: Map<string, TagRecord>,
  epoch: bigint,
  changes?: ProjectionChanges,
): Promise<void> {
  const { text } = projection;
  const offsets = new OffsetIndex(text);
  const written = changes ? [...changes.upsert].flatMap((id) => (tags.has(id) ? [[id, tags.get(id)!] as const] : [])) : [...tags];
  const rows = written.map(([id, tag]) => {
    const span = projection.spans.get(id);
    return {
      id,
      label: tag.label,
      start: span ? offsets.toCodePoint(span.start) : null,
      end: span ? offsets.toCodePoint(span.end) : null,
      text: span ? text.slice(span.start, span.end) : null,
      authorId: tag.authorId,
      attributes: JSON.stringify(tag.attributes ?? {}),
      note: tag.note ?? null,
      status: statusOf(tag),
      // A Postgres array literal per row, since unnest cannot take an array of arrays of different lengths.
      annotatorIds: `{${annotatorsOf(tag)
        .map((person) => `"${person.id}"`)
        .join(",")}}`,
      createdAt: new Date(tag.createdAt),
    };
  });
  const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
  const statements: Prisma.PrismaPromise<unknown>[] = [
    // Only the owner writes it: a former owner's stale copy would flip rows back (lib/collab/fence.ts).
    assertOwner(articleId, epoch),
  ];
  if (!changes || changes.text)
    statements.push(
      // Only when the text changed: a store with nothing new must not make the article look changed to an
      // incremental export (updatedSince) or the list's "recently changed" order.
      prisma.article.updateMany({
        where: { id: articleId, NOT: { text, content: { equals: projection.content as Prisma.InputJsonValue } } },
        data: { text, content: projection.content as Prisma.InputJsonValue, wordCount: countWords(text) },
      }),
    );
  if (rows.length)
    statements.push(prisma.$executeRaw`
      INSERT INTO annotations (id, article_id, label, start, "end", text, author_id, attributes, note, status, annotator_ids, orphaned_at, created_at, updated_at)
      SELECT v.id, ${articleId}, v.label::"AnnotationLabel", v.start, v."end", coalesce(v.text, ''), v.author_id, v.attributes::jsonb, v.note,
             v.status::"AnnotationStatus", v.annotator_ids::text[], CASE WHEN v.start IS NULL THEN now() END, v.created_at, now()
      FROM unnest(${column("id")}::text[], ${column("label")}::text[], ${column("start")}::int[], ${column("end")}::int[], ${column("text")}::text[],
                  ${column("authorId")}::text[], ${column("attributes")}::text[], ${column("note")}::text[], ${column("status")}::text[],
                  ${column("annotatorIds")}::text[], ${column("createdAt")}::timestamp[])
           AS v(id, label, start, "end", text, author_id, attributes, note, status, annotator_ids, created_at)
      ON CONFLICT (id) DO UPDATE SET
        label = EXCLUDED.label, start = EXCLUDED.start, "end" = EXCLUDED."end",
        -- An orphan keeps the last text it covered.
        text = CASE WHEN EXCLUDED.start IS NULL THEN annotations.text ELSE EXCLUDED.text END,
        attributes = EXCLUDED.attributes, note = EXCLUDED.note, status = EXCLUDED.status, annotator_ids = EXCLUDED.annotator_ids,
        orphaned_at = CASE WHEN EXCLUDED.start IS NULL THEN coalesce(annotations.orphaned_at, now()) END,
        updated_at = now()
      WHERE annotations.article_id = ${articleId} AND (
        annotations.label IS DISTINCT FROM EXCLUDED.label OR annotations.start IS DISTINCT FROM EXCLUDED.start OR annotations."end" IS DISTINCT FROM EXCLUDED."end"
        OR annotations.attributes IS DISTINCT FROM EXCLUDED.attributes OR annotations.note IS DISTINCT FROM EXCLUDED.note
        OR annotations.status IS DISTINCT FROM EXCLUDED.status OR annotations.annotator_ids IS DISTINCT FROM EXCLUDED.annotator_ids
        OR (EXCLUDED.start IS NOT NULL AND annotations.text IS DISTINCT FROM EXCLUDED.text))`);
  if (!changes) statements.push(prisma.annotation.deleteMany({ where: { articleId, id: { notIn: rows.map((row) => row.id) } } }));
  else if (changes.remove.length) statements.push(prisma.annotation.deleteMany({ where: { articleId, id: { in: [...changes.remove] } } }));
  // The first tag starts the article's annotation.
  if (rows.length) statements.push(prisma.article.updateMany({ where: { id: articleId, status: "new" }, data: { status: "in_progress" } }));
  await prisma.$transaction(statements);
}
