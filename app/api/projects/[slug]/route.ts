import { authorizeProject, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { getProjectSummary } from "@/lib/projects/data";
import { projectSettingsSchema } from "@/lib/projects/schema";
import { applyProjectSettings } from "@/lib/projects/settings";

export const GET = apiRoute<{ slug: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeProject(actor, (await params).slug, "project:read"));
  return json({ project: await getProjectSummary(access) });
});

/** Changes the review and export settings (owners). Turning auto-accept on applies it to existing tags. */
export const PATCH = apiRoute<{ slug: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeProject(actor, (await params).slug, "project:manage"));
  const input = parseOrThrow(projectSettingsSchema, await readJson(request));
  return json({ settings: await applyProjectSettings(actor, access, input) });
});
