import { z } from "zod";
import { articleStatusSchema, labelSchema } from "@/lib/vocabulary";

export const ARTICLE_SORTS = ["relevance", "newest", "oldest", "title", "published"] as const;
export type ArticleSort = (typeof ARTICLE_SORTS)[number];

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** The article list's query: search words, filters, order and page. Shared by the project page and the API. */
export const listArticlesQuerySchema = z.object({
  // websearch syntax: words, "a phrase", -excluded, or.
  q: z
    .preprocess(blankToUndefined, z.string().trim().max(500, { error: "q must be at most 500 characters" }).optional())
    .describe('Search words over title and text ("a phrase", -excluded, or)'),
  status: z.preprocess(blankToUndefined, articleStatusSchema.optional()),
  label: z.preprocess(blankToUndefined, labelSchema.optional()).describe("Only articles with a tag of this label"),
  // A user id or email: articles with at least one tag by them.
  annotator: z
    .preprocess(blankToUndefined, z.string().trim().max(254).optional())
    .describe("Only articles tagged by this user (id or email)"),
  sort: z.preprocess(blankToUndefined, z.enum(ARTICLE_SORTS, { error: `sort must be one of ${ARTICLE_SORTS.join(", ")}` }).optional()),
  page: z.coerce
    .number({ error: "page must be a number" })
    .int({ error: "page must be a whole number" })
    .min(1, { error: "page must be 1 or more" })
    .default(1),
  // 25 keeps a page of search snippets (ts_headline parses each whole text) within the 50 ms budget.
  pageSize: z.coerce
    .number({ error: "pageSize must be a number" })
    .int()
    .min(1, { error: "pageSize must be 1 or more" })
    .max(200, { error: "pageSize must be at most 200" })
    .default(25),
});

export type ListArticlesQuery = z.infer<typeof listArticlesQuerySchema>;
