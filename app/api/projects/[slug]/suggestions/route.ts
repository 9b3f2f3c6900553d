import { projectRoute } from "@/lib/routes/wrappers";
import { projectRunResponse } from "@/lib/suggestions/project-run-response";
import { contract } from "./contract";

export const POST = projectRoute("annotations:create", contract.methods.POST, async ({ access, body }) => projectRunResponse(access, body));
