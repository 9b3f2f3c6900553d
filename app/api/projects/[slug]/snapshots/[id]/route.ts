import { authorizeProject, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { exportResponse } from "@/lib/export/http";
import { openSnapshot } from "@/lib/export/snapshots";
import { apiRoute, queryOf } from "@/lib/http/api-handler";
import { parseOrThrow } from "@/lib/http/parse";
import { snapshotDownloadQuerySchema } from "./contract";

/** Downloads a snapshot again: jsonl in its own unit is the stored bytes; other formats replay it. */
export const GET = apiRoute<{ slug: string; id: string }>(async (request, { params }) => {
  const { slug, id } = await params;
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeProject(actor, slug, "project:read"));
  const query = parseOrThrow(snapshotDownloadQuerySchema, queryOf(request));
  return exportResponse(await openSnapshot(access, id, query));
});
