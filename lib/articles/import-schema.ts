/**
 * The shape of one article to import, shared by the HTTP API (POST /api/projects/<slug>/articles), JSON and
 * JSONL files, the import dialog and the metadata form.
 */
import { z } from "zod";
import { cleanCharacters } from "./canonical-text";

/** null and "" mean "not given", as forms and scraped JSON often send them. */
function optional<S extends z.ZodType>(schema: S) {
  return z.preprocess(
    (value) => (value === null || (typeof value === "string" && value.trim() === "") ? undefined : value),
    schema.optional(),
  );
}

/** One line of metadata: valid Unicode, no control characters, whitespace runs as single spaces. */
const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be a string` })
    .transform((value) => cleanCharacters(value.replace(/\s+/g, " ")).trim())
    .pipe(z.string().max(max, { error: `${label} must be at most ${max.toLocaleString("en")} characters` }));

export const metadataSchema = z.object({
  title: optional(text("title", 500)),
  byline: optional(text("byline", 300)),
  source: optional(text("source", 200)),
  url: optional(
    z.url({ protocol: /^https?$/, error: "url must be an http(s) address" }).max(2000, { error: "url must be at most 2,000 characters" }),
  ),
  publishedAt: optional(
    z
      .union([z.iso.datetime({ offset: true }), z.iso.date()], {
        error: "publishedAt must be an ISO 8601 date, e.g. 2026-03-12 or 2026-03-12T06:30:00Z",
      })
      .transform((value) => new Date(value)),
  ),
  // BCP 47 tags such as "en", "pt-BR", "zh-Hant".
  language: optional(
    z
      .string()
      .trim()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: "language must be a BCP 47 tag such as en or pt-BR" }),
  ),
});

export type MetadataInput = z.infer<typeof metadataSchema>;

/** Editing an article's metadata (the article page's form, PATCH /api/articles/<id>): a title is required. */
export const articleMetadataSchema = metadataSchema.extend({
  title: z
    .string({ error: "title is required" })
    .transform((value) => cleanCharacters(value.replace(/\s+/g, " ")).trim())
    .pipe(z.string().min(1, { error: "title is required" }).max(500, { error: "title must be at most 500 characters" })),
});

export const importItemSchema = metadataSchema
  .extend({
    text: z.string({ error: "text must be a string" }).optional(),
    html: z.string({ error: "html must be a string" }).optional(),
    keepArtifacts: z.boolean({ error: "keepArtifacts must be true or false" }).optional(),
    /** Paragraph indexes to remove instead of the detected artifacts (what the import dialog sends). */
    strip: z.array(z.int().min(0), { error: "strip must be a list of paragraph indexes" }).max(10_000).optional(),
  })
  .refine((item) => (item.text === undefined) !== (item.html === undefined), {
    error: "give either text or html (exactly one)",
    path: ["text"],
  });

export type ImportItemInput = z.infer<typeof importItemSchema>;
