import { createActor, listActors } from "@/lib/actors/api";
import { json } from "@/lib/http/api-handler";
import { projectRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

export const GET = projectRoute("project:read", contract.methods.GET, async ({ access, query }) => json(await listActors(access, query)));

export const POST = projectRoute("annotations:create", contract.methods.POST, async ({ access, body }) =>
  json({ actor: await createActor(access, body) }, { status: 201 }),
);
