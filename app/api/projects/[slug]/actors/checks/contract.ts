/** The registry's consistency checks. */
import { defineRoute, errors, slugParams } from "@/lib/http/contract";

export const contract = defineRoute("/api/projects/{slug}/actors/checks", {
  GET: {
    summary:
      "What a reviewer works through: actor tags without a record, quotes without a speaker, claims without a source, records with two kinds, the same words linked to different records in one article",
    params: slugParams,
    responses: {
      200: "`{ unlinked: { total, tags }, quotesWithoutSpeaker, claimsWithoutSource, kinds: [{ id, name, kinds }], sameWords: [{ articleId, words, records }] }` (at most 200 of each)",
      ...errors(401, 404),
    },
  },
});
