import { restoreAnnotation } from "@/lib/tags/api";
import { json } from "@/lib/http/api-handler";
import { tagRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

/** Puts an orphaned tag back on its last words, if they are in the text again (otherwise 400), or undoes a deletion. */
export const POST = tagRoute(
  "annotations:create",
  contract.methods.POST,
  async ({ access, params, query }) => json({ annotation: await restoreAnnotation(access, params.id, query.offsetUnit) }),
  { removed: true },
);
