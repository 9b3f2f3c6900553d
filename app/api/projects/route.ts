import { authenticateRequest } from "@/lib/auth/session-gate";
import { apiRoute, json } from "@/lib/http/api-handler";
import { listProjectsForActor } from "@/lib/projects/data";

export const GET = apiRoute(async (request) => {
  const actor = await authenticateRequest(request);
  return json({ projects: await listProjectsForActor(actor) });
});
