import { authorizeTag } from "@/lib/tags/api";
import { apiRoute, json } from "@/lib/http/api-handler";
import { listHistory } from "@/lib/review/data";

/** The tag's history from the append-only audit log, oldest first; a deleted or merged-away tag's too. */
export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const { id } = await params;
  const access = await authorizeTag(request, id, "project:read", { removed: true });
  return json({ history: await listHistory(access, id) });
});
