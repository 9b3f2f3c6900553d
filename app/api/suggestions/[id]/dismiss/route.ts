import { userRoute } from "@/lib/routes/wrappers";
import { dismissSuggestion } from "@/lib/suggestions/api";
import { contract } from "./contract";

export const POST = userRoute(contract.methods.POST, async ({ actor, params }) => {
  await dismissSuggestion(actor, params.id);
  return new Response(null, { status: 204 });
});
