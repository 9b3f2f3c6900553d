import { json } from "@/lib/http/api-handler";
import { articleRoute } from "@/lib/routes/wrappers";
import { markWorkDone } from "@/lib/review/work";
import { contract } from "./contract";

/**
 * Marks your own work on the article done (`{"done": true}`) or reopens it. In a blind project, only then
 * do you see colleagues' tags on it; when everyone who tagged it is done, it moves to "in review".
 */
export const PUT = articleRoute("annotations:create", contract.methods.PUT, async ({ access, body }) =>
  json({ work: await markWorkDone(access, body.done) }),
);
