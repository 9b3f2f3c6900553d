import { json } from "@/lib/http/api-handler";
import { tagRoute } from "@/lib/routes/wrappers";
import { reviewAnnotation } from "@/lib/review/tag-review";
import { contract } from "./contract";

/**
 * Accepts or rejects a tag, optionally with a comment and (accepting) a corrected label or span. A tag
 * someone decided meanwhile is a 409 that carries its current state, so the second reviewer sees it.
 */
export const POST = tagRoute("annotations:review", contract.methods.POST, async ({ access, params, query, body }) =>
  json({ annotation: await reviewAnnotation(access, params.id, body, query.offsetUnit) }),
);
