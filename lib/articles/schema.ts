import { z } from "zod";

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} must be at most ${max.toLocaleString("en")} characters` })
    // A blank field means "not given".
    .transform((value) => value || undefined)
    .optional();

export const articleInputSchema = z.object({
  title: z.string({ error: "Title is required" }).trim().min(1, { error: "Title is required" }).max(500, { error: "Title must be at most 500 characters" }),
  byline: optionalText("Byline", 300),
  source: optionalText("Source", 200),
  url: z.url({ protocol: /^https?$/, error: "URL must be an http(s) address" }).max(2000).optional(),
  publishedAt: z.coerce.date({ error: "publishedAt must be a date (ISO 8601)" }).optional(),
  // BCP 47 tags such as "en", "pt-BR", "zh-Hant".
  language: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: "language must be a BCP 47 tag such as en or pt-BR" }).optional(),
  text: z.string({ error: "Text is required" }).min(1, { error: "Text is required" }),
});

export type ArticleInput = z.infer<typeof articleInputSchema>;

export const listArticlesQuerySchema = z.object({
  page: z.coerce.number({ error: "page must be a number" }).int().min(1, { error: "page must be 1 or more" }).default(1),
  pageSize: z.coerce.number({ error: "pageSize must be a number" }).int().min(1).max(200, { error: "pageSize must be at most 200" }).default(50),
});
