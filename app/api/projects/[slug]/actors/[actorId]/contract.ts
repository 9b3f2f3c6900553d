/** One actor record. */
import { z } from "zod";
import { defineRoute, errors } from "@/lib/http/contract";
import { actorIdSchema, updateActorSchema } from "@/lib/actors/schema";

export const actorParams = z.object({
  slug: z.string().describe("The project's slug"),
  actorId: actorIdSchema.describe("The record's id"),
});

export const contract = defineRoute("/api/projects/{slug}/actors/{actorId}", {
  GET: {
    summary: "An actor record: its fields, the records merged into it, the record it was merged into, its history",
    params: actorParams,
    responses: {
      200: "`{ actor: { id, name, aliases, kind, description, externalId, mergedInto, merged, history } }`",
      ...errors(401, 404),
    },
  },
  PATCH: {
    summary: "Change a record's name, aliases, kind, description or external identifier (owners, editors, reviewers)",
    params: actorParams,
    body: updateActorSchema,
    responses: { 200: "`{ actor }`", ...errors(400, 401, 403, 404) },
  },
});
