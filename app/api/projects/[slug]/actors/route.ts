import { listActorNames } from "@/lib/tags/data";
import { json } from "@/lib/http/api-handler";
import { projectRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

/** Canonical names of the actors tagged in the project, most used first (the editor suggests them). */
export const GET = projectRoute("project:read", contract.methods.GET, async ({ access }) => json({ actors: await listActorNames(access) }));
