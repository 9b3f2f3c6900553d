import { startProjectExport } from "@/lib/export/export";
import { exportResponse } from "@/lib/export/http";
import { projectRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

/**
 * The project's dataset, streamed: `format`, `offsetUnit` and the filters (status, labels, annotators,
 * articles, updatedSince, articleStatus). Viewers get the gold layer unless the owner allows more.
 */
export const GET = projectRoute("project:read", contract.methods.GET, async ({ access, query }) =>
  exportResponse(await startProjectExport(access, query)),
);
