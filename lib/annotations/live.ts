/**
 * Tag operations on an article's live documents, for the HTTP API and the editor's tag messages alike:
 * validated here, applied as the server (so that clients see them at once), and in the projection before
 * they return. Tags are created by anyone whose role allows tagging; a tag is changed or deleted by its
 * author or a project owner.
 *
 * These run in the server process's own module graph, next to the collaboration server: Next.js bundles
 * route handlers separately, and a second copy of Yjs there would not recognise the server's documents.
 * Route handlers reach them through lib/annotations/live-registry.ts, which holds no Yjs.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { Document } from "@hocuspocus/server";
import type { ArticleAccess } from "@/lib/auth/context";
import { deleteTag, markSpan, projectContent, readTags, unmarkTag, writeTag, type TagRecord } from "@/lib/collab/model";
import { documentName } from "@/lib/collab/names";
import type { Collaboration } from "@/lib/collab/server";
import { fail, ok, type Result } from "@/lib/errors";
import { unsafeGetUserById } from "@/lib/users/data";
import { parseFigure } from "./figure";
import { convertOffset, type OffsetUnit } from "./offsets";
import { ATTRIBUTE_SCHEMAS, LINK_ATTRIBUTES, type Attributes, type Label } from "./schema";

export type LiveRefusal = "bad_request" | "not_found" | "forbidden";
type LiveResult<T> = Result<T, LiveRefusal>;

/** Offsets in the caller's unit, as UTF-16 offsets of the live text (or why they do not fit it). */
function toUtf16(text: string, span: { start: number; end: number; unit: OffsetUnit }): LiveResult<{ start: number; end: number }> {
  try {
    const start = convertOffset(text, span.start, span.unit, "utf16");
    const end = convertOffset(text, span.end, span.unit, "utf16");
    return ok({ start, end });
  } catch (error) {
    return fail("bad_request", `start/end: ${(error as Error).message}`, "start");
  }
}

function checkAttributes(label: Label, attributes: Attributes | undefined, tags: Map<string, TagRecord>): LiveResult<Attributes> {
  const parsed = ATTRIBUTE_SCHEMAS[label].safeParse(attributes ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail("bad_request", `attributes${issue.path.length ? `.${issue.path.join(".")}` : ""}: ${issue.message}`, "attributes");
  }
  const link = LINK_ATTRIBUTES[label];
  const target = link ? (parsed.data as Record<string, unknown>)[link] : undefined;
  if (typeof target === "string" && tags.get(target)?.label !== "actor") {
    return fail("bad_request", `attributes.${link}: no actor tag "${target}" in this article`, "attributes");
  }
  return ok(parsed.data as Attributes);
}

async function authorName(userId: string | null): Promise<{ id: string; name: string }> {
  const user = userId ? await unsafeGetUserById(userId) : null;
  if (!user) throw new Error("tag operations need a user");
  return { id: user.id, name: user.name ?? user.email };
}

function mayChange(access: ArticleAccess, tag: TagRecord): boolean {
  return access.role === "owner" || tag.authorId === access.userId;
}

/**
 * The editor sends its mark (content document) before the tag message (tags document) on one socket, but
 * Hocuspocus handles the two documents' messages independently: give the mark a moment to land.
 */
async function waitForMark(collaboration: Collaboration, articleId: string, id: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const content = collaboration.hocuspocus.documents.get(documentName(articleId, "content"));
    if (content && projectContent(content).spans.has(id)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export type CreateInput = { label: Label; attributes?: Attributes; note?: string | null } & (
  | { span: { start: number; end: number; unit: OffsetUnit }; id?: undefined }
  | { id: string; span?: undefined }
);

/**
 * Creates a tag. With a span (the API), the server marks the text; with only an id (the editor), the
 * client has already marked its selection and the server records the tag for it.
 */
async function createAnnotation(collaboration: Collaboration, access: ArticleAccess<"annotations:create">, input: CreateInput): Promise<LiveResult<{ id: string }>> {
  const author = await authorName(access.userId);
  if (input.id) await waitForMark(collaboration, access.articleId, input.id);
  return collaboration.edit(access.articleId, ({ content, tags }) => {
    const records = readTags(tags);
    const id = input.id ?? randomUUID();
    if (records.has(id)) return fail("bad_request", `a tag "${id}" already exists`, "id");
    let projection = projectContent(content);
    if (input.span) {
      const span = toUtf16(projection.text, input.span);
      if (!span.ok) return span;
      if (!markSpan(content, id, span.value)) return fail("bad_request", "start/end cover no words", "start");
      projection = projectContent(content);
    } else if (!projection.spans.has(id)) {
      return fail("bad_request", `no text is marked as tag "${id}"`, "id");
    }
    const span = projection.spans.get(id)!;
    const quoted = projection.text.slice(span.start, span.end);
    const given = input.attributes && Object.keys(input.attributes).length ? input.attributes : undefined;
    // A figure starts with what its words say ("more than 1,200" → 1200, approximate).
    const attributes = checkAttributes(input.label, given ?? (input.label === "figure" ? parseFigure(quoted) : {}), records);
    if (!attributes.ok) {
      if (input.span) unmarkTag(content, id);
      return attributes;
    }
    const now = new Date().toISOString();
    writeTag(tags, id, { label: input.label, authorId: author.id, authorName: author.name, createdAt: now, updatedAt: now, attributes: attributes.value, note: input.note ?? null });
    return ok({ id });
  });
}

export type UpdateInput = { label?: Label; attributes?: Attributes; note?: string | null; span?: { start: number; end: number; unit: OffsetUnit } };

/** Relabels, re-attributes, annotates or re-anchors a tag (a new span also restores an orphan). */
async function updateAnnotation(collaboration: Collaboration, access: ArticleAccess<"annotations:create">, id: string, input: UpdateInput): Promise<LiveResult<{ id: string }>> {
  return collaboration.edit(access.articleId, ({ content, tags }) => {
    const records = readTags(tags);
    const tag = records.get(id);
    if (!tag) return fail("not_found", `No tag "${id}"`);
    if (!mayChange(access, tag)) return fail("forbidden", "Only the tag's author or a project owner may change it");
    const label = input.label ?? (tag.label as Label);
    // Relabelling keeps attributes that still apply and drops the others.
    const attributes = checkAttributes(label, input.attributes ?? (input.label && input.label !== tag.label ? {} : tag.attributes), records);
    if (!attributes.ok) return attributes;
    if (input.span) {
      const span = toUtf16(projectContent(content).text, input.span);
      if (!span.ok) return span;
      unmarkTag(content, id);
      if (!markSpan(content, id, span.value)) return fail("bad_request", "start/end cover no words", "start");
    }
    writeTag(tags, id, { label, attributes: attributes.value, note: input.note === undefined ? tag.note : input.note, updatedAt: new Date().toISOString() });
    return ok({ id });
  });
}

async function deleteAnnotation(collaboration: Collaboration, access: ArticleAccess<"annotations:create">, id: string): Promise<LiveResult<null>> {
  return collaboration.edit(access.articleId, ({ content, tags }) => {
    const tag = readTags(tags).get(id);
    if (!tag) return fail("not_found", `No tag "${id}"`);
    if (!mayChange(access, tag)) return fail("forbidden", "Only the tag's author or a project owner may delete it");
    unmarkTag(content, id);
    deleteTag(tags, id);
    return ok(null);
  });
}

/**
 * Restores an orphan onto the same words if they are back in the text (its last text, at the place nearest
 * to where it was); otherwise the caller must choose new words (updateAnnotation with a span).
 */
async function restoreAnnotation(collaboration: Collaboration, access: ArticleAccess<"annotations:create">, id: string, last: { text: string; start: number | null }): Promise<LiveResult<{ id: string }>> {
  return collaboration.edit(access.articleId, ({ content, tags }: { content: Document; tags: Document }) => {
    const tag = readTags(tags).get(id);
    if (!tag) return fail("not_found", `No tag "${id}"`);
    if (!mayChange(access, tag)) return fail("forbidden", "Only the tag's author or a project owner may restore it");
    const projection = projectContent(content);
    if (projection.spans.has(id)) return ok({ id });
    const matches: number[] = [];
    for (let at = projection.text.indexOf(last.text); last.text && at >= 0; at = projection.text.indexOf(last.text, at + 1)) matches.push(at);
    if (!matches.length) return fail("bad_request", "Its words are no longer in the text: select new words to attach it to", "id");
    const near = last.start ?? 0;
    const start = matches.reduce((best, at) => (Math.abs(at - near) < Math.abs(best - near) ? at : best));
    markSpan(content, id, { start, end: start + last.text.length });
    writeTag(tags, id, { updatedAt: new Date().toISOString() });
    return ok({ id });
  });
}

/** The operations bound to a collaboration server: what the registry hands to route handlers. */
export function createLiveAnnotations(collaboration: Collaboration) {
  return {
    create: (access: ArticleAccess<"annotations:create">, input: CreateInput) => createAnnotation(collaboration, access, input),
    update: (access: ArticleAccess<"annotations:create">, id: string, input: UpdateInput) => updateAnnotation(collaboration, access, id, input),
    delete: (access: ArticleAccess<"annotations:create">, id: string) => deleteAnnotation(collaboration, access, id),
    restore: (access: ArticleAccess<"annotations:create">, id: string, last: { text: string; start: number | null }) => restoreAnnotation(collaboration, access, id, last),
  };
}

export type LiveAnnotations = ReturnType<typeof createLiveAnnotations>;
