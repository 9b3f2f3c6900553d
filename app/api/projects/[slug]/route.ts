import { json } from "@/lib/http/api-handler";
import { projectRoute } from "@/lib/routes/wrappers";
import { getProjectSummary } from "@/lib/projects/data";
import { applyProjectSettings } from "@/lib/projects/settings";
import { contract } from "./contract";

export const GET = projectRoute("project:read", contract.methods.GET, async ({ access }) =>
  json({ project: await getProjectSummary(access) }),
);

/** Changes the review and export settings (owners). Turning auto-accept on applies it to existing tags. */
export const PATCH = projectRoute("project:manage", contract.methods.PATCH, async ({ actor, access, body }) =>
  json({ settings: await applyProjectSettings(actor, access, body) }),
);
