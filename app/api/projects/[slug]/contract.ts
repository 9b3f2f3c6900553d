/** One project and its review and export settings. */
import { defineRoute, errors, slugParams } from "@/lib/http/contract";
import { projectSettingsSchema } from "@/lib/projects/schema";

export const contract = defineRoute("/api/projects/{slug}", {
  GET: {
    summary: "One project, with its review and export settings",
    params: slugParams,
    responses: { 200: "`{ project: Project }`", ...errors(401, 404) },
  },
  PATCH: {
    summary: "Change the review and export settings (owners); turning auto-accept on applies it to existing tags",
    params: slugParams,
    body: projectSettingsSchema,
    responses: { 200: "`{ settings }`", ...errors(400, 401, 403, 404) },
  },
});
