/** A project's dataset. */
import { projectExportQuerySchema } from "@/lib/export/schema-filters";
import { defineRoute, errors, slugParams } from "@/lib/http/contract";

/** What every export answers: the dataset streamed, described by its headers. */
export const DOWNLOAD = {
  200: "The dataset, streamed (gzip when Accept-Encoding allows). Headers: Content-Disposition, X-Margin-Format, X-Margin-Format-Version, X-Margin-Offset-Unit, X-Margin-Article-Count, X-Margin-Tag-Count; the dataset version is the SHA-256 of the jsonl body (json carries it at its end)",
  ...errors(400, 401, 403, 404),
};

export const contract = defineRoute("/api/projects/{slug}/export", {
  GET: {
    summary: "The project's dataset in one format, filtered; one consistent snapshot of the database",
    params: slugParams,
    query: projectExportQuerySchema,
    responses: DOWNLOAD,
  },
});
