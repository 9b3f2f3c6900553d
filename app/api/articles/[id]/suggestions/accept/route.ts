import { json } from "@/lib/http/api-handler";
import { articleRoute } from "@/lib/routes/wrappers";
import { acceptAllAbove } from "@/lib/suggestions/api";
import { contract } from "./contract";

export const POST = articleRoute("annotations:create", contract.methods.POST, async ({ access, query, body }) =>
  json(await acceptAllAbove(access, body, query.offsetUnit)),
);
