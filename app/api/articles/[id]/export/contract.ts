/** One article as a dataset. */
import { articleExportQuerySchema } from "@/lib/export/schema-filters";
import { articleParams, defineRoute } from "@/lib/http/contract";
import { DOWNLOAD } from "../../../projects/[slug]/export/contract";

export const contract = defineRoute("/api/articles/{id}/export", {
  GET: {
    summary: "One article as a dataset",
    params: articleParams,
    query: articleExportQuerySchema,
    responses: DOWNLOAD,
  },
});
