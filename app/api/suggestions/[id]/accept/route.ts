import { json } from "@/lib/http/api-handler";
import { userRoute } from "@/lib/routes/wrappers";
import { acceptSuggestion } from "@/lib/suggestions/api";
import { contract } from "./contract";

/** Authorized by the suggestion's article (lib/suggestions/api.ts): not found for anyone it is not offered to. */
export const POST = userRoute(contract.methods.POST, async ({ actor, params, query, body }) =>
  json(await acceptSuggestion(actor, params.id, body, query.offsetUnit), { status: 201 }),
);
