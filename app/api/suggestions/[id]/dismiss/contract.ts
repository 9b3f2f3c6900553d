/** Dismissing one suggestion. */
import { defineRoute, errors } from "@/lib/http/contract";
import { suggestionParams } from "../accept/contract";

export const contract = defineRoute("/api/suggestions/{id}/dismiss", {
  POST: {
    summary: "Dismiss a suggestion: it is no longer offered to the caller, nor brought back for them by a later run",
    params: suggestionParams,
    responses: { 204: "Dismissed", ...errors(401, 403, 404), 409: "Already accepted or dismissed by the caller" },
  },
});
