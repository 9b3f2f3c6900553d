import { json } from "@/lib/http/api-handler";
import { projectRoute } from "@/lib/routes/wrappers";
import { listDisagreements } from "@/lib/review/agreement-report";
import { contract } from "./contract";

/** Where two annotators disagree (what a cell of the agreement matrix counts). */
export const GET = projectRoute("agreement:read", contract.methods.GET, async ({ access, query: { a, b, article, labels, limit } }) =>
  json(await listDisagreements(access, a, b, { articleId: article, labels, limit })),
);
