/** Checking the project's external suggestion backend. */
import { defineRoute, errors, slugParams } from "@/lib/http/contract";
import { backendCheckBodySchema } from "@/lib/suggestions/backend-check";

export const contract = defineRoute("/api/projects/{slug}/suggestions/backend/check", {
  POST: {
    summary: "Check that a Label Studio ML backend answers (owners): GET /health, then POST /setup",
    description:
      "Without `url`, the saved backend is checked with its saved token; with `url`, that address (not yet saved) with `token` if given. " +
      "The saved token is only ever sent to the saved address. Answers `{ ok: true, model }`; a refused address is a 400, " +
      "an unreachable or wrong backend a 502, a late one a 504, each with the reason in `error.message`.",
    params: slugParams,
    body: backendCheckBodySchema,
    responses: {
      200: "`{ ok: true, model }`",
      ...errors(400, 401, 403, 404),
      502: "The backend is unreachable, or answered with an error or not in the protocol (`error.message` says which)",
      504: "The backend did not answer in time",
    },
  },
});
