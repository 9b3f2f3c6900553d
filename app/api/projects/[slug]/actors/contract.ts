/** The actors tagged in a project. */
import { defineRoute, errors, slugParams } from "@/lib/http/contract";

export const contract = defineRoute("/api/projects/{slug}/actors", {
  GET: {
    summary: "Canonical names of the actors tagged in the project, most used first",
    params: slugParams,
    responses: { 200: "`{ actors: [{ name, kind, count }] }`", ...errors(401, 404) },
  },
});
