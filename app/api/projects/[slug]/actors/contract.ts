/** The project's actor registry: its records with their counts, and new records. */
import { defineRoute, errors, slugParams } from "@/lib/http/contract";
import { listQuerySchema } from "@/lib/actors/api";
import { createActorSchema } from "@/lib/actors/schema";

export const contract = defineRoute("/api/projects/{slug}/actors", {
  GET: {
    summary: "The project's actor records with their counts of mentions, quotes and claims (under the reader's blind rule)",
    description: "`q` searches names and aliases (also of records merged into one); `sort` by name, mentions, quotes, claims or articles.",
    params: slugParams,
    query: listQuerySchema,
    responses: {
      200: "`{ actors: [{ id, name, aliases, kind, externalId, mentions, quotes, claims, articles }], total }`",
      ...errors(400, 401, 404),
    },
  },
  POST: {
    summary: "Create an actor record (owners, editors, reviewers)",
    params: slugParams,
    body: createActorSchema,
    responses: { 201: "`{ actor }`", ...errors(400, 401, 403, 404) },
  },
});
