/** Running the suggesters over a project. */
import { defineRoute, errors, slugParams } from "@/lib/http/contract";
import { projectRunBodySchema } from "@/lib/suggestions/schema";

export const contract = defineRoute("/api/projects/{slug}/suggestions", {
  POST: {
    summary: "Run the suggesters on every article of the project (or those named), streaming progress (owners, editors, reviewers)",
    description:
      "Answers `application/x-ndjson`: `{ progress: { done, total } }` lines, then `{ report: { articles, suggestions, problems: [{ article, errors }] } }`, " +
      "or `{ error }` if the run stopped on an unexpected failure. Unknown suggesters and articles not in the project are 400s before anything runs.",
    params: slugParams,
    body: projectRunBodySchema,
    responses: { 200: "NDJSON progress lines, then the report", ...errors(400, 401, 403, 404) },
  },
});
