/**
 * One foreign document made into an article of Margin's dataset shape (what lib/export/import-dataset.ts
 * checks and writes): its text as the ordinary import makes it (furniture detection off, so that no tag can
 * land in stripped furniture), its spans mapped to Margin's labels and anchored in that text, its links
 * turned into a quote's speaker or a claim's source where they fit, its metadata where valid. Whatever does
 * not make it is said: each tag left out (unmapped, not placed) with its reason, and each relation,
 * attribute or metadata field dropped as a problem. Tags arrive pending: foreign files carry no decisions.
 */
import { cleanCharacters } from "@/lib/articles/canonical-text";
import { draftFromSource, finalizeDraft } from "@/lib/articles/draft";
import { metadataSchema } from "@/lib/articles/import-schema";
import { ATTRIBUTE_SCHEMAS, LINK_ATTRIBUTES } from "@/lib/tags/schema";
import type { Label } from "@/lib/vocabulary";
import { anchorSpans, coveredText } from "./anchoring";
import type { ForeignDocument, ForeignFormat, ForeignSpan } from "./foreign-document";
import { targetOf, type LabelMap } from "./label-map";

export type PlanOptions = { format: ForeignFormat; map: LabelMap; skipUnmapped: boolean; predictions: boolean; now: Date };

/** A tag of the file that was not imported, and why. */
export type SkippedTag = { document: string; label: string; text: string; reason: string };

export type PlannedArticle = {
  label: string;
  /** The article in the dataset's shape, offsets in code points; null when the document has no text to import. */
  article: Record<string, unknown> | null;
  error?: string;
  /** What each tag's history records of the file, by the article's tag id. */
  history: Map<string, Record<string, unknown>>;
  skipped: SkippedTag[];
  problems: string[];
  /** Predictions left out (imported only when asked), and tags the label map sends to `skip`. */
  predictionsSkipped: number;
  mappedToSkip: number;
};

/** Relation names that mean "said by" between a quote or a claim and an actor; none at all means the same. */
const SAID_BY = new Set([
  "",
  "speaker",
  "said",
  "said_by",
  "saidby",
  "says",
  "source",
  "quoted",
  "spoke",
  "claimed_by",
  "claims",
  "attributed_to",
]);

const relationKey = (type: string) =>
  type
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/** The document's metadata that Margin accepts; each refused field is a problem, not a failed article. */
function metadataOf(document: ForeignDocument, problems: string[]): Record<string, string | null> {
  const fields: Record<string, string | null> = { title: "", byline: null, source: null, url: null, publishedAt: null, language: null };
  for (const [field, value] of Object.entries(document.metadata)) {
    if (value === undefined) continue;
    const parsed = metadataSchema.safeParse({ [field]: value });
    if (!parsed.success) {
      problems.push(`${field} "${value}" not kept: ${parsed.error.issues[0]!.message}`);
      continue;
    }
    const kept = parsed.data[field as keyof typeof parsed.data];
    if (kept instanceof Date) fields[field] = kept.toISOString();
    else if (typeof kept === "string") fields[field] = kept;
  }
  return fields;
}

/** The attributes valid for `label`, each other one a problem (an actor's name on a tag mapped to quote). */
function attributesOf(span: ForeignSpan, label: Label, problems: string[]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(span.attributes ?? {})) {
    if (ATTRIBUTE_SCHEMAS[label].safeParse({ [name]: value }).success) kept[name] = value;
    else problems.push(`tag "${span.quote ?? span.id}": attribute ${name} ${JSON.stringify(value)} does not fit a ${label} tag, not kept`);
  }
  return kept;
}

export async function planArticle(document: ForeignDocument, options: PlanOptions): Promise<PlannedArticle> {
  const planned: PlannedArticle = {
    label: document.label,
    article: null,
    history: new Map(),
    skipped: [],
    problems: [],
    predictionsSkipped: 0,
    mappedToSkip: 0,
  };
  const prepared = finalizeDraft(await draftFromSource("text", document.text), { keepArtifacts: true });
  if (!prepared.ok) return { ...planned, error: prepared.message };
  const text = prepared.value.text;
  const skip = (span: ForeignSpan, reason: string, covered?: string) =>
    planned.skipped.push({
      document: document.label,
      label: span.label,
      text: covered ?? span.quote ?? coveredText(document, span) ?? "",
      reason,
    });

  const labels = new Map<ForeignSpan, Label>();
  for (const span of document.spans) {
    if (span.prediction && !options.predictions) planned.predictionsSkipped++;
    else {
      const target = targetOf(options.map, span.label);
      if (target === "skip") planned.mappedToSkip++;
      else if (target) labels.set(span, target);
      else skip(span, `label "${span.label}" is not mapped`);
    }
  }
  const { anchored, problems } = anchorSpans(document, text, [...labels.keys()]);
  for (const problem of problems) skip(problem.span, `not placed: ${problem.reason}`);

  const ids = new Map<string, string>();
  const tags = anchored.map(({ span, start, end, text: covered }, position) => {
    const id = `t${position + 1}`;
    ids.set(span.id, id);
    const label = labels.get(span)!;
    // cleanCharacters: a file's ids and labels go into jsonb, which refuses NUL and lone surrogates.
    planned.history.set(id, {
      from: cleanCharacters(`${options.format}:${document.label}`),
      foreignId: cleanCharacters(span.id),
      foreignLabel: cleanCharacters(span.label),
      ...(span.prediction ? { prediction: true, score: span.score ?? null } : {}),
    });
    return {
      id,
      label,
      start,
      end,
      text: covered,
      authors: [{ id: "", email: span.author ?? "", name: null }],
      status: "pending",
      reviews: [],
      attributes: attributesOf(span, label, planned.problems),
      note: span.note ?? null,
      createdAt: options.now.toISOString(),
      updatedAt: options.now.toISOString(),
    };
  });

  const byId = new Map(tags.map((tag) => [tag.id, tag]));
  for (const link of document.links) {
    const [from, to] = [byId.get(ids.get(link.from) ?? ""), byId.get(ids.get(link.to) ?? "")];
    const named = `relation ${link.type ? `"${link.type}" ` : ""}${link.from} → ${link.to}`;
    if (!from || !to) {
      planned.problems.push(`${named} not imported: one of its tags was not imported`);
      continue;
    }
    // Either direction: tools draw the arrow from the actor as often as to it.
    const [linking, actor] = from.label === "actor" ? [to, from] : [from, to];
    const attribute = LINK_ATTRIBUTES[linking.label];
    if (!attribute || actor.label !== "actor" || !SAID_BY.has(relationKey(link.type))) {
      planned.problems.push(
        `${named} (${from.label} → ${to.label}) not imported: Margin links only a quote to its speaker and a claim to its source`,
      );
      continue;
    }
    const current = linking.attributes[attribute];
    if (current !== undefined && current !== actor.id)
      planned.problems.push(
        `${named} not imported: the ${linking.label} already has a ${attribute === "speakerId" ? "speaker" : "source"}`,
      );
    else linking.attributes[attribute] = actor.id;
  }

  planned.article = {
    id: document.label,
    ...metadataOf(document, planned.problems),
    status: tags.length ? "in_progress" : "new",
    text,
    tags,
    relations: [],
  };
  return planned;
}
