/** What requests about suggestions may hold, shared by the API's contracts and the CLI. */
import { z } from "zod";
import { labelSchema } from "@/lib/vocabulary";

// A project has a few hundred suggesters at the very most: the bound keeps a request's list small.
export const suggesterNamesSchema = z
  .array(z.string({ error: "each suggester must be a name" }).max(200), { error: "suggesters must be a list of names" })
  .min(1, { error: "suggesters must name at least one suggester (leave it out to run them all)" })
  .max(50, { error: "suggesters may name at most 50" })
  .optional()
  .describe(
    "Only these suggesters (builtin:known-actors, builtin:actors, builtin:figures, builtin:quotes, builtin:claims, external); all by default",
  );

export const runBodySchema = z.strictObject({ suggesters: suggesterNamesSchema });

export const scoreSchema = z
  .number({ error: "minScore must be a number" })
  .min(0, { error: "minScore must be between 0 and 1" })
  .max(1, { error: "minScore must be between 0 and 1" });

export const acceptAboveSchema = z.strictObject({
  label: labelSchema,
  minScore: scoreSchema.describe("Accept those scored at least this (0 to 1)"),
});

/** Overrides of what the suggestion says; the attributes are checked for the label as any tag's are. */
export const acceptBodySchema = z.strictObject({
  label: labelSchema.optional(),
  attributes: z.record(z.string(), z.unknown(), { error: "attributes must be an object" }).optional(),
});

// A project-wide run names its articles by id; 10,000 at once is more than any batch anyone runs by hand.
export const projectRunBodySchema = z.strictObject({
  suggesters: suggesterNamesSchema,
  articles: z
    .array(z.string({ error: "each article must be an id" }).max(64), { error: "articles must be a list of article ids" })
    .min(1, { error: "articles must name at least one article (leave it out for all)" })
    .max(10_000, { error: "articles may name at most 10,000" })
    .optional()
    .describe("Only these articles; every article of the project by default"),
});

export type AcceptBody = z.output<typeof acceptBodySchema>;
