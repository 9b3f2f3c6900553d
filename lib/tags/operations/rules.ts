/**
 * What every tag operation shares: its inputs and refusals, offsets checked against the live text, the
 * attributes a label allows (and links to actor tags of the same article), and who may change a tag.
 * Operations are pure over an article's two Yjs documents (no network, no database), so that the HTTP API,
 * the editor's tag messages and the convergence tests run exactly this code; lib/tags/live/ applies them
 * to the live documents.
 */
import type { ActorIndex } from "../actor-links";
import type * as Y from "yjs";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { fail, ok, type Result } from "@/lib/errors";
import type { Label } from "@/lib/vocabulary";
import { deletedTags } from "../documents";
import type { Journal } from "../journal";
import { clusterAround, describeCodePoints } from "@/lib/text/graphemes";
import { convertOffset, type OffsetUnit } from "../offsets";
import { trimBreaks } from "../projection";
import type { TagRecord } from "../record";
import { ATTRIBUTE_SCHEMAS, type Attributes, LINK_ATTRIBUTES } from "../schema";

export type TagRefusal = "bad_request" | "not_found" | "forbidden" | "conflict";

export type TagResult<T> = Result<T, TagRefusal>;

/** The two documents, and where an operation records its history (absent in simulations that need none). */
/**
 * An article's two documents and the journal its change writes; `actors`, the project's registry, when the
 * caller read it (new actor tags are linked to their record, lib/tags/operations/actor-link.ts).
 */
export type ArticleDocs = { content: Y.Doc; tags: Y.Doc; journal?: Journal; actors?: ActorIndex };

/** Who asks: the author of new tags, and whether they may change others' (owners may). */
export type TagActor = { userId: string; name: string; role: ProjectRole };

export type OffsetSpan = { start: number; end: number; unit: OffsetUnit };

/** Where a tag came from when a person accepted a suggestion: recorded in its `created` event. */
export type TagProvenance = { suggestionId: string; suggester: string; version: string; score: number };

export type CreateInput = { label: Label; attributes?: Attributes; note?: string | null; provenance?: TagProvenance } & (
  { span: OffsetSpan; id?: string } | { id: string; span?: undefined }
);

export type UpdateInput = { label?: Label; attributes?: Attributes; note?: string | null; span?: OffsetSpan };

/**
 * Offsets in the caller's unit, as UTF-16 offsets of the live text, or why they do not fit it: outside the
 * text, inside a code point, or inside a grapheme cluster (half an emoji, a letter without its accent).
 */
export function toUtf16(text: string, span: OffsetSpan): TagResult<{ start: number; end: number }> {
  const offsets = { start: 0, end: 0 };
  for (const name of ["start", "end"] as const) {
    try {
      offsets[name] = convertOffset(text, span[name], span.unit, "utf16");
    } catch (error) {
      return fail("bad_request", `${name}: ${(error as Error).message}`, name);
    }
    const cluster = clusterAround(text, offsets[name]);
    if (cluster) {
      const [before, after] = [cluster.start, cluster.end].map((edge) => convertOffset(text, edge, "utf16", span.unit));
      return fail(
        "bad_request",
        `${name}: offset ${span[name]} splits the character "${cluster.text}" (${describeCodePoints(cluster.text)}), ` +
          `which is one character to a reader: use ${before} or ${after}`,
        name,
      );
    }
  }
  if (offsets.start >= offsets.end) return fail("bad_request", "start/end: start must be before end", "start");
  return ok(offsets);
}

/** The span without breaks at its ends, or null when it holds nothing but breaks and spaces. */
export function wordsIn(text: string, span: { start: number; end: number }): { start: number; end: number } | null {
  const words = trimBreaks(text, span);
  return words && /\S/u.test(text.slice(words.start, words.end)) ? words : null;
}

/** A tag that was deleted (or refused) is a conflict, not a missing one: the caller acted on stale state. */
export function missingTag(docs: ArticleDocs, id: string): TagResult<never> {
  return deletedTags(docs.tags).has(id) ? fail("conflict", `The tag "${id}" was deleted meanwhile`) : fail("not_found", `No tag "${id}"`);
}

/** The article's tags as far as a check needs them: one by id. */
export type TagLookup = { get(id: string): TagRecord | undefined };

export function checkAttributes(label: Label, attributes: Attributes | undefined, tags: TagLookup): TagResult<Attributes> {
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

export function mayChange(actor: TagActor, tag: TagRecord): boolean {
  return actor.role === "owner" || tag.authorId === actor.userId;
}

export const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
