/** Importing uploaded files. */
import { z } from "zod";
import { maxFileBytes } from "@/lib/articles/import-files";
import { multipartFiles } from "@/lib/http/body";
import { defineRoute, errors, slugParams } from "@/lib/http/contract";

export const contract = defineRoute("/api/projects/{slug}/imports", {
  POST: {
    summary: "Import files: .txt, .md, .html, .docx, .json (an array of articles) or .jsonl (one per line)",
    params: slugParams,
    body: multipartFiles({
      field: "file",
      maxFiles: 50,
      maxFileBytes,
      fields: z.object({
        keepArtifacts: z
          .string()
          .optional()
          .transform((value) => value === "true")
          .describe("true keeps page furniture (bylines, share buttons…) that is otherwise removed"),
      }),
      description: "Files in the repeatable field `file`, each at most the import limit (5 MB unless configured)",
    }),
    responses: {
      200: "`{ results: [{ label, status: imported | duplicate | failed, id?, title?, error? }] }`",
      ...errors(400, 401, 403, 404),
    },
  },
});
