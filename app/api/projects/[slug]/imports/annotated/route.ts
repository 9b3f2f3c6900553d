import { annotatedImportResponse } from "@/lib/imports/annotated-response";
import { projectRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

/**
 * Imports another tool's annotated files (multipart, field `file`), or previews them (`preview=1`). The
 * import streams its progress as NDJSON lines and ends with the report; refusals (format, unreadable
 * files, unmapped labels) are 400s before anything is written.
 */
export const POST = projectRoute("articles:import", contract.methods.POST, async ({ access, query, body }) =>
  annotatedImportResponse(access, body.files, query),
);
