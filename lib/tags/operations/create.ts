/** Creating a tag: on words the API names (offsets), or on the mark the editor already placed (an id). */
import { fail, ok } from "@/lib/errors";
import { linkActorAttributes } from "./actor-link";
import { ANNOTATION_MARK } from "@/lib/editor/annotation-mark";
import { contentRoot, deletedTags, markSpan, projectContent, readTag, readTags, writeTag } from "../documents";
import type { Projection } from "../projection";
import { parseFigure } from "../figure";
import { recordEvent } from "../journal";
import { annotatorsOf } from "../record";
import { type ArticleDocs, checkAttributes, type CreateInput, type TagActor, type TagResult, toUtf16, wordsIn } from "./rules";

/**
 * Creates a tag. With a span (the API), the server marks the text; with only an id (the editor), the
 * client has already marked its selection and the server records the tag for it. Creating the same id
 * again as its author succeeds without a change: an editor whose answer was lost may ask twice.
 */
export function createTag(docs: ArticleDocs, actor: TagActor, input: CreateInput, id: string, now: string): TagResult<{ id: string }> {
  const existing = readTag(docs.tags, id);
  if (existing)
    return existing.authorId === actor.userId && !input.span ? ok({ id }) : fail("bad_request", `a tag "${id}" already exists`, "id");
  if (deletedTags(docs.tags).has(id)) return fail("bad_request", `the tag "${id}" was deleted or refused`, "id");
  const created = recordTag(docs, actor, input, id, now);
  // The editor's mark for a refused tag must not linger: its id is retired, and the store removes the mark
  // wherever it turns up (tidyMarks), also if it arrives after this answer.
  if (!created.ok && !input.span) docs.tags.transact(() => deletedTags(docs.tags).set(id, now));
  return created;
}

/**
 * The tags whose marks cover the first character of `words`: the only ones that can lie on exactly the same
 * words. Looked up in the document rather than by going through every tag of the article.
 */
function tagsStartingWith(docs: ArticleDocs, projection: Projection, words: { start: number }): Set<string> {
  const node = contentRoot(docs.content).nodeAt(projection.positionAt(words.start));
  return new Set((node?.marks ?? []).filter((mark) => mark.type.name === ANNOTATION_MARK).map((mark) => mark.attrs.id as string));
}

function recordTag(docs: ArticleDocs, actor: TagActor, input: CreateInput, id: string, now: string): TagResult<{ id: string }> {
  const projection = projectContent(docs.content);
  let words: { start: number; end: number } | null | undefined;
  if (input.span) {
    const span = toUtf16(projection.text, input.span);
    if (!span.ok) return span;
    words = wordsIn(projection.text, span.value);
    if (!words) return fail("bad_request", "start/end cover no words", "start");
  } else {
    words = projection.spans.get(id);
    if (!words) return fail("bad_request", `no text is marked as tag "${id}"`, "id");
  }
  // One person's second tag of a label on the same words would only be a duplicate (the editor selects the
  // first instead of asking).
  for (const other of tagsStartingWith(docs, projection, words)) {
    const tag = readTag(docs.tags, other);
    const span = projection.spans.get(other);
    if (!tag || other === id || tag.label !== input.label || span?.start !== words.start || span.end !== words.end) continue;
    if (annotatorsOf(tag).some((person) => person.id === actor.userId))
      return fail("conflict", `you already tagged these words as ${input.label} (tag "${other}")`, "id");
  }
  const given = input.attributes && Object.keys(input.attributes).length ? input.attributes : undefined;
  // A figure starts with what its words say ("more than 1,200" → 1200, approximate).
  const attributes = checkAttributes(
    input.label,
    given ?? (input.label === "figure" ? parseFigure(projection.text.slice(words.start, words.end)) : {}),
    { get: (other) => readTag(docs.tags, other) },
  );
  if (!attributes.ok) return attributes;
  const linked =
    input.label === "actor"
      ? linkActorAttributes(docs, id, attributes.value, words, projection, readTags(docs.tags))
      : ok({ attributes: attributes.value, link: null });
  if (!linked.ok) return linked;
  // Marked only once everything is checked: a refused request writes nothing.
  if (input.span) markSpan(docs.content, id, words);
  writeTag(docs.tags, id, {
    label: input.label,
    authorId: actor.userId,
    authorName: actor.name,
    createdAt: now,
    updatedAt: now,
    attributes: linked.value.attributes,
    note: input.note ?? null,
    status: "pending",
  });
  recordEvent(docs.journal, id, actor.userId, "created", now, {
    label: input.label,
    text: projection.text.slice(words.start, words.end),
    attributes: linked.value.attributes,
    ...(linked.value.link ? { actorLinkedBy: linked.value.link.rule } : {}),
    ...(input.provenance ? { suggestion: input.provenance } : {}),
  });
  return ok({ id });
}
