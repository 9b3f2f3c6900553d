/**
 * The tag operations as the HTTP API offers them, one call per route: the live operation (lib/tags/live,
 * reached through its registry), then the tag read back from the projection in the caller's offset unit,
 * which the operation wrote before returning, so that a script reads its own write. A refused operation
 * is thrown as the AppError its refusal names.
 */
import "server-only";
import type { ArticleAccess } from "@/lib/auth/context";
import { AppError, type Result } from "@/lib/errors";
import type { Label } from "@/lib/vocabulary";
import { getAnnotation, lastPlaceOf, type AnnotationView } from "./data";
import type { LiveRefusal } from "./live/operations";
import { liveAnnotations } from "./live/registry";
import type { Attributes } from "./schema";
import type { OffsetUnit } from "./offsets";

export function unwrapLive<T>(result: Result<T, LiveRefusal>): T {
  if (result.ok) return result.value;
  throw new AppError(result.reason, result.message, result.field);
}

/** A tag's fields as a request gives them; offsets are in the request's unit. */
export type TagFields = { label: Label; attributes?: Attributes; note?: string | null };
type Offsets = { start: number; end: number };

/** Tags words of the article's canonical text; open editors show it at once. */
export async function createAnnotation(
  access: ArticleAccess<"annotations:create">,
  input: TagFields & Offsets,
  unit: OffsetUnit,
): Promise<AnnotationView | null> {
  const { start, end, ...fields } = input;
  const { id } = unwrapLive(await liveAnnotations().create(access, { ...fields, span: { start, end, unit } }));
  return getAnnotation(access, id, unit);
}

/** Changes the label, attributes, note, or the span (start and end together). */
export async function updateAnnotation(
  access: ArticleAccess<"annotations:create">,
  id: string,
  input: Partial<TagFields & Offsets>,
  unit: OffsetUnit,
): Promise<AnnotationView | null> {
  const span = input.start !== undefined ? { start: input.start, end: input.end!, unit } : undefined;
  unwrapLive(await liveAnnotations().update(access, id, { label: input.label, attributes: input.attributes, note: input.note, span }));
  return getAnnotation(access, id, unit);
}

export async function deleteAnnotation(access: ArticleAccess<"annotations:create">, id: string): Promise<void> {
  unwrapLive(await liveAnnotations().delete(access, id));
}

/**
 * Puts an orphaned tag back on its last words, if they are in the text again (the place nearest to where
 * they were); otherwise a 400, and the caller chooses new words (an update with start and end).
 */
export async function restoreAnnotation(
  access: ArticleAccess<"annotations:create">,
  id: string,
  unit: OffsetUnit,
): Promise<AnnotationView | null> {
  // A deleted tag has no row: its deletion is undone from the tags document's trash.
  const last = await lastPlaceOf(access, id);
  unwrapLive(await liveAnnotations().restore(access, id, last));
  return getAnnotation(access, id, unit);
}
