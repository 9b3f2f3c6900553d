/** Merging two records. */
import { defineRoute, errors } from "@/lib/http/contract";
import { mergeActorSchema } from "@/lib/actors/schema";
import { actorParams } from "../contract";

export const contract = defineRoute("/api/projects/{slug}/actors/{actorId}/merge", {
  POST: {
    summary: "Merge this record into another (owners, reviewers): its tags count for that one from now on, until it is split off again",
    params: actorParams,
    body: mergeActorSchema,
    responses: {
      200: "`{ actor }`: the record merged into",
      409: "The record is already merged into another",
      ...errors(400, 401, 403, 404),
    },
  },
});
