import { listActorNames } from "@/lib/tags/data";
import { authorizeProject, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { apiRoute, json } from "@/lib/http/api-handler";

/** Canonical names of the actors tagged in the project, most used first (the editor suggests them). */
export const GET = apiRoute<{ slug: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeProject(actor, (await params).slug, "project:read"));
  return json({ actors: await listActorNames(access) });
});
