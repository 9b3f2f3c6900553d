import { deleteAnnotation, updateAnnotation } from "@/lib/tags/api";
import { getAnnotation } from "@/lib/tags/data";
import { json } from "@/lib/http/api-handler";
import { tagRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

export const GET = tagRoute("project:read", contract.methods.GET, async ({ access, params, query }) =>
  json({ annotation: await getAnnotation(access, params.id, query.offsetUnit) }),
);

/** Changes the label, attributes, note, or the span (start and end together, in the request's unit). */
export const PATCH = tagRoute("annotations:create", contract.methods.PATCH, async ({ access, params, query, body }) =>
  json({ annotation: await updateAnnotation(access, params.id, body, query.offsetUnit) }),
);

export const DELETE = tagRoute("annotations:create", contract.methods.DELETE, async ({ access, params }) => {
  await deleteAnnotation(access, params.id);
  return new Response(null, { status: 204 });
});
