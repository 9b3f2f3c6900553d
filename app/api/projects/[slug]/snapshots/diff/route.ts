import { authorizeProject, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { diffSnapshots } from "@/lib/export/snapshots";
import { apiRoute, json, queryOf } from "@/lib/http/api-handler";
import { parseOrThrow } from "@/lib/http/parse";
import { snapshotDiffQuerySchema } from "./contract";

/** What changed between two snapshots (`from`, `to`: ids or names): counts, and the first `limit` tag changes. */
export const GET = apiRoute<{ slug: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeProject(actor, (await params).slug, "project:read"));
  const query = parseOrThrow(snapshotDiffQuerySchema, queryOf(request));
  return json(await diffSnapshots(access, query));
});
