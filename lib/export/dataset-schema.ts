/**
 * A Margin dataset read back for import (`import --format margin-json`): the run-time twin of
 * lib/export/schema.json (ajv is a dev dependency; the app validates with zod). It checks the shape; what
 * needs the text (offsets inside it, the covered words) is checked per article by import-dataset.ts, so
 * that one bad article fails alone.
 */
import { z } from "zod";
import { ARTICLE_STATUSES, DECISIONS, LABELS, TAG_STATUSES } from "@/lib/vocabulary";
import { DATASET_FORMAT, DATASET_FORMAT_VERSION } from "./shape";
import { OFFSET_UNITS } from "./schema-filters";

const dateTime = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" });
const tagId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "a tag id is 1 to 64 letters, digits, '-' or '_'");
const offset = z.int({ error: "must be a whole number" }).min(0, { error: "must be 0 or more" });
const person = z.object({ id: z.string(), email: z.string(), name: z.string().nullable() });

/**
 * An actor's record (actorId, actorName) names a record of the project the dataset was exported from, maybe
 * on another instance: it is never taken for a record of the project importing it, and is left out here,
 * before the attributes are checked. Its canonical name and kind stay; the record's name becomes the canonical
 * name of a tag without one, which links it to the importing project's record of that name (or makes one).
 */
export function withoutActorRecord(attributes: Record<string, unknown>): Record<string, unknown> {
  if (!Object.hasOwn(attributes, "actorId") && !Object.hasOwn(attributes, "actorName")) return attributes;
  const { actorId: _id, actorName: name, ...rest } = attributes;
  return typeof name === "string" && name.trim() && rest.canonicalName === undefined ? { ...rest, canonicalName: name } : rest;
}

const datasetTagSchema = z
  .object({
    id: tagId,
    label: z.enum(LABELS, { error: `must be one of ${LABELS.join(", ")}` }),
    start: offset,
    end: offset,
    text: z.string(),
    authors: z.array(person).min(1, { error: "a tag has at least one author" }),
    status: z.enum(TAG_STATUSES, { error: `must be ${TAG_STATUSES.slice(0, -1).join(", ")} or ${TAG_STATUSES.at(-1)}` }),
    reviews: z.array(z.object({ reviewer: person, decision: z.enum(DECISIONS), at: dateTime, comment: z.string().nullable() })),
    attributes: z.record(z.string(), z.unknown()),
    note: z.string().nullable(),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .transform((tag) => (tag.label === "actor" ? { ...tag, attributes: withoutActorRecord(tag.attributes) } : tag));

export const datasetArticleSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  byline: z.string().nullable(),
  source: z.string().nullable(),
  url: z.string().nullable(),
  publishedAt: dateTime.nullable(),
  language: z.string().nullable(),
  status: z.enum(ARTICLE_STATUSES, { error: `must be one of ${ARTICLE_STATUSES.join(", ")}` }),
  text: z.string(),
  tags: z.array(datasetTagSchema),
  // Relations are derived from the tags' links (attributes), which the import remaps: their list is not read.
  relations: z.array(z.unknown()),
});

export type DatasetArticle = z.infer<typeof datasetArticleSchema>;
export type DatasetTag = z.infer<typeof datasetTagSchema>;

/** The fields of the `json` document around the articles that an import reads (the rest it drops unread). */
export const DATASET_HEAD_KEYS = ["format", "formatVersion", "offsetUnit"] as const;

/** The `json` document around the articles; articles are checked one by one (see above). */
export const datasetHeaderSchema = z.object(
  {
    format: z.literal(DATASET_FORMAT, { error: `not a Margin dataset: format must be "${DATASET_FORMAT}" (export it with format=json)` }),
    formatVersion: z.literal(DATASET_FORMAT_VERSION, {
      error: `formatVersion must be "${DATASET_FORMAT_VERSION}", the version this Margin reads`,
    }),
    offsetUnit: z.enum(OFFSET_UNITS, { error: `offsetUnit must be one of ${OFFSET_UNITS.join(", ")}` }),
    articles: z.array(z.unknown(), { error: "articles must be a list" }),
  },
  { error: "not a Margin dataset: expected the object of a json export (format=json)" },
);
