/** The caller's projects. */
import { defineRoute, errors } from "@/lib/http/contract";

export const contract = defineRoute("/api/projects", {
  GET: {
    summary: "The projects you are a member of, with your role",
    responses: { 200: "`{ projects: Project[] }`", ...errors(401) },
  },
});
