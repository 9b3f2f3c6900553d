/** An article's suggestions: listing those offered to the caller, and running the suggesters. */
import { articleParams, defineRoute, errors } from "@/lib/http/contract";
import { runBodySchema } from "@/lib/suggestions/schema";
import { offsetUnitQuerySchema } from "@/lib/tags/schema";

const SUGGESTION =
  "`{ id, suggester, version, label, start, end, offsetUnit, text, score, attributes }`; attributes as a tag's details " +
  "(canonicalName, kind, direct, value, unit, approximate) and its links: speakerSuggestionId / speakerTagId, sourceSuggestionId / sourceTagId";

export const contract = defineRoute("/api/articles/{id}/suggestions", {
  GET: {
    summary:
      "Suggestions offered to the caller: on words the text still has, not accepted, not dismissed by them (owners, editors, reviewers)",
    params: articleParams,
    query: offsetUnitQuerySchema,
    responses: {
      200: `\`{ suggestions: Suggestion[] }\`, ordered by start and end; a Suggestion is ${SUGGESTION}`,
      ...errors(400, 401, 403, 404),
    },
  },
  POST: {
    summary: "Run the suggesters on the article now (the built-ins, and the project's external backend when configured)",
    description:
      "Replaces the earlier suggestions of the suggesters that ran; a suggestion someone accepted or dismissed is not offered to them again. " +
      "A suggester that fails is listed in `errors`; the others' suggestions are stored.",
    params: articleParams,
    query: offsetUnitQuerySchema,
    body: runBodySchema,
    responses: {
      200: "`{ suggestions: Suggestion[], errors: [{ suggester, message }] }`: what the caller is offered after the run",
      ...errors(400, 401, 403, 404),
    },
  },
});
