/** What the tag details offer when picking an actor record. */
import { defineRoute, errors, slugParams } from "@/lib/http/contract";

export const contract = defineRoute("/api/projects/{slug}/actors/names", {
  GET: {
    summary: "Every actor record's name and aliases (with those of records merged into it), for picking one",
    params: slugParams,
    responses: { 200: "`{ actors: [{ id, name, kind, aliases }] }`", ...errors(401, 404) },
  },
});
