/** Downloading a saved snapshot again. */
import { formatParameter, offsetUnitParameter, parameters } from "@/lib/export/schema-filters";

/** Downloading a snapshot again: its bytes as stored (jsonl in its unit), or replayed through another writer. */
export const snapshotDownloadQuerySchema = parameters({
  format: formatParameter.default("jsonl"),
  offsetUnit: offsetUnitParameter.optional(),
});
