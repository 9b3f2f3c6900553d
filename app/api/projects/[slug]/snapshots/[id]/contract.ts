/** Downloading a saved snapshot again. */
import { z } from "zod";
import { formatParameter, offsetUnitParameter, parameters } from "@/lib/export/schema-filters";
import { defineRoute } from "@/lib/http/contract";
import { DOWNLOAD } from "../../export/contract";

/** Downloading a snapshot again: its bytes as stored (jsonl in its unit), or replayed through another writer. */
export const snapshotDownloadQuerySchema = parameters({
  format: formatParameter.default("jsonl"),
  offsetUnit: offsetUnitParameter.optional(),
});

export const contract = defineRoute("/api/projects/{slug}/snapshots/{id}", {
  GET: {
    summary: "Download a snapshot again: jsonl in its own unit is the stored bytes; another format or unit replays the stored articles",
    params: z.object({ slug: z.string().describe("The project's slug"), id: z.string().describe("The snapshot's id") }),
    query: snapshotDownloadQuerySchema,
    responses: DOWNLOAD,
  },
});
