/** Accepting one suggestion. */
import { z } from "zod";
import { defineRoute, errors } from "@/lib/http/contract";
import { acceptBodySchema } from "@/lib/suggestions/schema";
import { offsetUnitQuerySchema } from "@/lib/tags/schema";

export const suggestionParams = z.object({ id: z.string().describe("The suggestion's id") });

export const contract = defineRoute("/api/suggestions/{id}/accept", {
  POST: {
    summary: "Make a suggestion the caller's tag; its history names the suggestion (suggester, version, score)",
    description:
      "A quote's speaker (a claim's source) is linked when it is an actor tag, or an actor suggestion already accepted; " +
      "otherwise the tag is made without it and the answer says `unlinked: true` (accept the actor, then link it).",
    params: suggestionParams,
    query: offsetUnitQuerySchema,
    body: acceptBodySchema.describe("`{}` to accept as suggested, or `{ label?, attributes? }` to change what the tag will be"),
    responses: {
      201: "`{ annotation: Annotation, unlinked?: true }`",
      ...errors(400, 401, 403, 404),
      409: "Already accepted or dismissed by the caller (or accepted by someone whose tag they see), the words already so tagged by them, or the text changed under it",
    },
  },
});
