import { json } from "@/lib/http/api-handler";
import { projectRoute } from "@/lib/routes/wrappers";
import { listReviewQueue } from "@/lib/review/data";
import { contract } from "./contract";

/** Articles awaiting review, with pending/accepted/rejected counts per label and their annotators. */
export const GET = projectRoute("annotations:review", contract.methods.GET, async ({ access, query }) =>
  json(await listReviewQueue(access, query)),
);
