import { startArticleExport } from "@/lib/export/export";
import { exportResponse } from "@/lib/export/http";
import { articleRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

/** One article as a dataset of one: `format`, `offsetUnit` and the tag filters (status, labels, annotators). */
export const GET = articleRoute("project:read", contract.methods.GET, async ({ access, query }) =>
  exportResponse(await startArticleExport(access, access.articleId, query)),
);
