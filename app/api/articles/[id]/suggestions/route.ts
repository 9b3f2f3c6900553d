import { json } from "@/lib/http/api-handler";
import { articleRoute } from "@/lib/routes/wrappers";
import { listSuggestions } from "@/lib/suggestions/api";
import { runSuggestions } from "@/lib/suggestions/run";
import { contract } from "./contract";

/** Reading suggestions is for those who may tag: a viewer could do nothing with them. */
export const GET = articleRoute("annotations:create", contract.methods.GET, async ({ access, query }) =>
  json({ suggestions: await listSuggestions(access, query.offsetUnit) }),
);

export const POST = articleRoute("annotations:create", contract.methods.POST, async ({ access, query, body }) =>
  json(await runSuggestions(access, body.suggesters, query.offsetUnit)),
);
