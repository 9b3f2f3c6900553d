import { showActor, updateActor } from "@/lib/actors/api";
import { json } from "@/lib/http/api-handler";
import { projectRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

export const GET = projectRoute("project:read", contract.methods.GET, async ({ access, params }) =>
  json({ actor: await showActor(access, params.actorId) }),
);

export const PATCH = projectRoute("annotations:create", contract.methods.PATCH, async ({ access, params, body }) =>
  json({ actor: await updateActor(access, params.actorId, body) }),
);
