/**
 * The export's query parameters, shared by the project and article export routes and the CLI; the snapshot
 * routes build theirs from the same parts.
 * Every bad value is a 400 naming its parameter and listing what is valid; a parameter that is not listed
 * here is refused too (a misspelt filter must not silently export everything).
 */
import { z } from "zod";
import { ARTICLE_STATUSES, type ArticleStatus, type Label, LABELS } from "@/lib/vocabulary";
import { EXPORT_FORMATS, type ExportFormat } from "./formats/types";

export const TAG_STATUS_FILTERS = ["all", "accepted", "gold", "pending", "rejected"] as const;
export const OFFSET_UNITS = ["codepoint", "utf16"] as const;
export const SUGGESTION_CHOICES = ["exclude", "include"] as const;

/** Tag statuses once "gold" is read as its synonym "accepted". */
export type TagStatusFilter = "all" | "accepted" | "pending" | "rejected";

// A URL carries a few thousand ids at most; these limits keep one request from building a huge SQL array.
const MAX_LIST = 5_000;

/** A comma-separated list: trimmed, without empties or repeats, each item checked against `valid` when given. */
function commaList<T extends string>(name: string, valid?: readonly T[]) {
  return z.string().transform((value, ctx): T[] => {
    const items = [
      ...new Set(
        value
          .split(",")
          .map((item) => item.trim())
          .filter(Boolean),
      ),
    ];
    const validText = valid ? `: ${valid.join(", ")}` : "";
    if (items.length === 0) {
      ctx.issues.push({ code: "custom", input: value, message: `${name} must list at least one value${validText}` });
      return z.NEVER;
    }
    if (items.length > MAX_LIST) {
      ctx.issues.push({ code: "custom", input: value, message: `${name} may list at most ${MAX_LIST.toLocaleString("en")} values` });
      return z.NEVER;
    }
    const unknown = valid ? items.filter((item) => !(valid as readonly string[]).includes(item)) : [];
    if (unknown.length) {
      ctx.issues.push({
        code: "custom",
        input: value,
        message: `unknown ${name} ${unknown.map((item) => `"${item}"`).join(", ")}; valid values${validText}`,
      });
      return z.NEVER;
    }
    // Valid lists come out in their canonical order, so that equal filters normalize to equal values.
    return (valid ? valid.filter((item) => items.includes(item)) : items.sort()) as T[];
  });
}

const date = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: "updatedSince must be an ISO 8601 date or date-time with a time zone, e.g. 2026-03-12 or 2026-03-12T06:30:00Z",
  })
  // A bare date is midnight UTC of that day.
  .transform((value) => new Date(value));

const status = z
  .enum(TAG_STATUS_FILTERS, { error: `status must be one of ${TAG_STATUS_FILTERS.join(", ")}` })
  .transform((value): TagStatusFilter => (value === "gold" ? "accepted" : value));
export const offsetUnitParameter = z
  .enum(OFFSET_UNITS, { error: `offsetUnit must be one of ${OFFSET_UNITS.join(", ")}` })
  .describe(
    "Unit of start/end in json, jsonl, csv and the quotes and claims datasets: code points (Python) or UTF-16 code units (JavaScript)",
  );
export const formatParameter = z
  .enum(EXPORT_FORMATS, { error: `format must be one of ${EXPORT_FORMATS.join(", ")}` })
  .describe(
    "json: one document (/api/export/schema); jsonl: one article per line; csv: one tag per row; w3c: Web Annotation JSON-LD; conll: CoNLL-2003 BIO tokens, the outermost tags; conll-columns: BIO tokens, a column per tag layer; spacy: spaCy/Prodigy lines with tokens; labelstudio: Label Studio tasks; doccano: doccano JSONL with entities and relations; brat: a zip of brat standoff .txt/.ann files; actors-json, actors-csv: the project's actor records (merges folded into their root) with their mentions, quotes and claims in the export; quotes-jsonl, quotes-csv: one row per quote with its article, speaker tag and speaker's record; claims-jsonl, claims-csv: the same for claims and their sources",
  );

/**
 * Opt-in: the machine's suggestions ride along, apart from the tags (json/jsonl `suggestions`, Label Studio
 * `predictions`). Off by default so that a plain export stays people's work only.
 */
export const suggestionsParameter = z
  .enum(SUGGESTION_CHOICES, { error: `suggestions must be one of ${SUGGESTION_CHOICES.join(", ")}` })
  .describe(
    "include: each article also carries the suggestions still offered (shared set, not accepted, still on their words), apart from its tags, with their scores; json, jsonl and labelstudio only. The dataset version ignores them",
  );

/** Filters on tags: an article export takes these only. */
export const tagFilters = {
  status: status.optional().describe("Tags of this status; viewers get accepted (gold) only unless the owner allows more"),
  labels: commaList<Label>("labels", LABELS)
    .optional()
    .describe(`Comma-separated labels: ${LABELS.join(", ")}`),
  annotators: commaList("annotators").optional().describe("Comma-separated user ids or emails: tags any of them made"),
};

/** Filters on articles, for project exports and snapshots. */
export const articleFilters = {
  articles: commaList("articles").optional().describe("Comma-separated article ids"),
  updatedSince: date
    .optional()
    .describe("ISO 8601 date or date-time with a zone: articles whose row, a tag or a decision changed at or after it"),
  articleStatus: commaList<ArticleStatus>("articleStatus", ARTICLE_STATUSES)
    .optional()
    .describe(`Comma-separated: ${ARTICLE_STATUSES.join(", ")}`),
};

/** An object whose unknown keys fail one by one, each naming itself (as the field) and the valid parameters. */
export function parameters<S extends z.core.$ZodLooseShape>(shape: S) {
  const names = Object.keys(shape);
  return z.preprocess((input, ctx) => {
    if (input && typeof input === "object") {
      for (const key of Object.keys(input)) {
        if (!names.includes(key))
          ctx.issues.push({ code: "custom", input, path: [key], message: `unknown parameter; valid parameters: ${names.join(", ")}` });
      }
    }
    return input;
  }, z.object(shape));
}

export const projectExportQuerySchema = parameters({
  format: formatParameter.default("json"),
  offsetUnit: offsetUnitParameter.default("codepoint"),
  suggestions: suggestionsParameter.optional(),
  ...tagFilters,
  ...articleFilters,
});
export const articleExportQuerySchema = parameters({
  format: formatParameter.default("json"),
  offsetUnit: offsetUnitParameter.default("codepoint"),
  suggestions: suggestionsParameter.optional(),
  ...tagFilters,
});

export type ExportQuery = {
  format: ExportFormat;
  offsetUnit: (typeof OFFSET_UNITS)[number];
  suggestions?: (typeof SUGGESTION_CHOICES)[number];
  status?: TagStatusFilter;
  labels?: Label[];
  annotators?: string[];
  articles?: string[];
  updatedSince?: Date;
  articleStatus?: ArticleStatus[];
};
