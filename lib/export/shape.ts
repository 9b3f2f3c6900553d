/**
 * The dataset's article shape (formats `json` and `jsonl`, and the input of every other format writer), as
 * published in lib/export/schema.json. Offsets here are always Unicode code points into `text` (what
 * Python's `str` indexes); a writer that declares another unit converts them (lib/tags/offsets.ts).
 * Orphaned tags (every word they covered was deleted) have no place in the text and are not exported.
 */
import type { OffsetUnit } from "@/lib/tags/offsets";
import type { ActorKind, ArticleStatus, Decision, Label, TagStatus } from "@/lib/vocabulary";

export const DATASET_FORMAT = "margin-dataset";
export const DATASET_FORMAT_VERSION = "1.0";
/** Characters (code points) of context kept before and after each tag, as prefix and suffix. */
export const CONTEXT_LENGTH = 32;

export type ExportPerson = { id: string; email: string; name: string | null };

export type ExportReview = { reviewer: ExportPerson; decision: Decision; at: string; comment: string | null };

/**
 * Per label; keys absent when unset. Links (speakerId, sourceId) name actor tags of the same article. An
 * actor tag linked to a record of the project's actor registry carries the record its tags count for (the
 * root of its merges, never a record merged into another) as actorId, and that record's name as actorName;
 * a link to no record of the project is not exported.
 */
export type ExportAttributes = {
  canonicalName?: string;
  kind?: ActorKind;
  actorId?: string;
  actorName?: string;
  speakerId?: string;
  direct?: boolean;
  sourceId?: string;
  value?: number | null;
  unit?: string | null;
  approximate?: boolean;
};

export type ExportTag = {
  id: string;
  label: Label;
  /** Code points into the article's text, end exclusive: [...text].slice(start, end).join("") === text. */
  start: number;
  end: number;
  text: string;
  /** Up to CONTEXT_LENGTH code points before start and after end (fewer at the text's edges). */
  prefix: string;
  suffix: string;
  /** Who tagged it: the author first, then annotators whose identical tags were merged into it (gold layer). */
  authors: ExportPerson[];
  status: TagStatus;
  /** Every decision, oldest first; the last one decided `status`. */
  reviews: ExportReview[];
  attributes: ExportAttributes;
  note: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ExportRelation = { from: string; to: string; type: "speaker" | "source" };

/**
 * A machine suggestion offered on the article (lib/suggestions), exported only on request and never among
 * the tags: who proposed it (suggester and version), how sure it was (score, 0 to 1) and what the tag's
 * details would hold. No prefix, suffix or people: it is nobody's work.
 */
export type ExportSuggestion = {
  id: string;
  suggester: string;
  version: string;
  label: Label;
  /** Code points into the article's text like a tag's (the export's unit once serialized). */
  start: number;
  end: number;
  text: string;
  score: number;
  attributes: ExportAttributes;
};

export type ExportArticle = {
  id: string;
  title: string;
  byline: string | null;
  source: string | null;
  url: string | null;
  publishedAt: string | null;
  language: string | null;
  status: ArticleStatus;
  text: string;
  /** Ordered by start, end, id. */
  tags: ExportTag[];
  /** quote → its speaker, claim → its source; ordered by from, type. */
  relations: ExportRelation[];
  /** Present only when the export includes suggestions (suggestions=include); ordered by start, end, id. */
  suggestions?: ExportSuggestion[];
};

/**
 * A root record of the project's actor registry as the actors formats list it, with what was merged into it:
 * aliases are its own, then the names and aliases of the records merged into it (each spelling once, never
 * its own name); mergedIds every record whose tags count for it, directly or through other merges.
 */
export type ExportActorRecord = {
  id: string;
  name: string;
  aliases: string[];
  kind: ActorKind | null;
  description: string | null;
  externalId: string | null;
  mergedIds: string[];
};

/**
 * The registry an export read in its own transaction, for the formats that list records. `listsAll` is false
 * in a blind annotator's export: the records' names would tell them what colleagues tagged, so only records
 * their exported tags name are listed.
 */
export type ExportActorRegistry = { records: ExportActorRecord[]; listsAll: boolean };

/** What a whole export knows before its first article: the json format's header and the response headers. */
export type ExportHeader = {
  project: { slug: string; name: string };
  labels: { name: Label; description: string }[];
  /** The unit of start/end in json, jsonl and csv. */
  offsetUnit: OffsetUnit;
  /** The filters the export applied, normalized (absent filters omitted). */
  filters: Record<string, string | string[]>;
  /** Read only for the formats that list the registry's records (actors-json, actors-csv). */
  actors?: ExportActorRegistry;
};
