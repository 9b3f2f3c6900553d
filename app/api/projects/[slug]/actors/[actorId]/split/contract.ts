/** Undoing a merge. */
import { defineRoute, errors } from "@/lib/http/contract";
import { actorParams } from "../contract";

export const contract = defineRoute("/api/projects/{slug}/actors/{actorId}/split", {
  POST: {
    summary: "Split this record off the record it was merged into (owners, reviewers): its tags count for it again",
    params: actorParams,
    responses: { 200: "`{ actor }`: the record split off", 409: "The record is not merged into another", ...errors(401, 403, 404) },
  },
});
