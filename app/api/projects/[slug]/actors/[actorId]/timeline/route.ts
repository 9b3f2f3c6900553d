import { actorPage } from "@/lib/actors/api";
import { json } from "@/lib/http/api-handler";
import { projectRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

export const GET = projectRoute("project:read", contract.methods.GET, async ({ access, params, query }) =>
  json(await actorPage(access, params.actorId, query)),
);
