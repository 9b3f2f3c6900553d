import { z } from "zod";

export const slugSchema = z
  .string({ error: "Slug is required" })
  .trim()
  .toLowerCase()
  // Slugs appear in URLs and CLI arguments: lower-case letters, digits and inner hyphens only.
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, {
    error: "Slug must be 1-64 lower-case letters, digits or hyphens, not starting or ending with a hyphen",
  });

export const createProjectSchema = z.object({
  slug: slugSchema,
  name: z
    .string({ error: "Name is required" })
    .trim()
    .min(1, { error: "Name is required" })
    .max(120, { error: "Name must be at most 120 characters" }),
  description: z.string().trim().max(2000, { error: "Description must be at most 2,000 characters" }).optional(),
});

export type CreateProjectInput = z.infer<typeof createProjectSchema>;

/** The review and export policy an owner sets (every field optional: a PATCH changes what it names). */
export const projectSettingsSchema = z.strictObject({
  blindAnnotation: z.boolean({ error: "blindAnnotation must be true or false" }).optional(),
  allowSelfReview: z.boolean({ error: "allowSelfReview must be true or false" }).optional(),
  autoAcceptAgreement: z.boolean({ error: "autoAcceptAgreement must be true or false" }).optional(),
  viewerExport: z.enum(["gold", "all"], { error: "viewerExport must be gold or all" }).optional(),
  suggestOnImport: z.boolean({ error: "suggestOnImport must be true or false" }).optional(),
  /** A Label Studio ML backend; null removes it. */
  suggestionBackendUrl: z
    .url({ protocol: /^https?$/, error: "suggestionBackendUrl must be an http or https address" })
    .max(2000, { error: "suggestionBackendUrl must be at most 2,000 characters" })
    .nullable()
    .optional(),
  /** Written, never read back: no answer holds it. */
  suggestionBackendToken: z.string().max(2000, { error: "suggestionBackendToken must be at most 2,000 characters" }).nullable().optional(),
});

export type ProjectSettingsInput = z.infer<typeof projectSettingsSchema>;
