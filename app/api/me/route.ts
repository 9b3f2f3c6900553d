import { apiRoute, json } from "@/lib/http/api-handler";
import { authenticateRequest } from "@/lib/auth/session-gate";

/** Who the request is authenticated as: lets a script check its token. */
export const GET = apiRoute(async (request) => {
  const actor = await authenticateRequest(request);
  return json({ id: actor.userId, email: actor.email, name: actor.name, isAdmin: actor.isAdmin, via: actor.via });
});
