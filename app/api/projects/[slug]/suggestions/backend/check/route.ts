import { json } from "@/lib/http/api-handler";
import { projectRoute } from "@/lib/routes/wrappers";
import { checkProjectBackend } from "@/lib/suggestions/backend-check";
import { contract } from "./contract";

export const POST = projectRoute("project:manage", contract.methods.POST, async ({ access, body }) =>
  json(await checkProjectBackend(access, body)),
);
