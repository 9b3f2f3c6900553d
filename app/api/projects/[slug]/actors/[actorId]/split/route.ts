import { splitActor } from "@/lib/actors/api";
import { json } from "@/lib/http/api-handler";
import { projectRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

export const POST = projectRoute("annotations:review", contract.methods.POST, async ({ access, params }) =>
  json({ actor: await splitActor(access, params.actorId) }),
);
