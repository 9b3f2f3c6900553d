/** Who the caller is. */
import { defineRoute, errors } from "@/lib/http/contract";

export const contract = defineRoute("/api/me", {
  GET: {
    summary: "The user the request is authenticated as",
    responses: { 200: "`{ id, email, name, isAdmin, via: session | token }`", ...errors(401) },
  },
});
