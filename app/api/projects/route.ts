import { json } from "@/lib/http/api-handler";
import { userRoute } from "@/lib/routes/wrappers";
import { listProjectsForActor } from "@/lib/projects/data";
import { contract } from "./contract";

export const GET = userRoute(contract.methods.GET, async ({ actor }) => json({ projects: await listProjectsForActor(actor) }));
