/** What importing a page by its address takes (POST /api/projects/<slug>/imports/url, the import panel's tab). */
import { z } from "zod";
import { metadataSchema } from "../import-schema";

export const urlImportSchema = z.object({
  // Checked by the fetcher (address-policy.ts), whose messages say which rule the address breaks.
  url: z
    .string({ error: "url is required" })
    .trim()
    .min(1, { error: "url is required" })
    .max(2000, { error: "url must be at most 2,000 characters" })
    .describe("The page's http(s) address"),
  keepArtifacts: z.boolean({ error: "keepArtifacts must be true or false" }).optional(),
  metadata: metadataSchema
    .optional()
    .describe("Metadata that wins over what the page says: title, byline, source, url (the canonical address), publishedAt, language"),
});

export type UrlImportInput = z.infer<typeof urlImportSchema>;

export const urlImportQuerySchema = z.object({
  preview: z
    .enum(["1", "true", "0", "false"], { error: "preview must be 1 or 0" })
    .optional()
    .transform((value) => value === "1" || value === "true")
    .describe("1: answer what would be imported (the paste dialog's preview) and store nothing"),
});
