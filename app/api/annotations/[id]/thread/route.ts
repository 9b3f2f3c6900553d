import { json } from "@/lib/http/api-handler";
import { tagRoute } from "@/lib/routes/wrappers";
import { resolveAnnotationThread } from "@/lib/review/tag-review";
import { contract } from "./contract";

/** Resolves (`{"resolved": true}`) or reopens the tag's discussion. */
export const POST = tagRoute("annotations:comment", contract.methods.POST, async ({ access, params, body }) =>
  json({ thread: await resolveAnnotationThread(access, params.id, body.resolved) }),
);
