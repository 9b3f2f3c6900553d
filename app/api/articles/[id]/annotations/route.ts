import { createAnnotation } from "@/lib/tags/api";
import { listAnnotations } from "@/lib/tags/data";
import { json } from "@/lib/http/api-handler";
import { articleRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

/**
 * The article's tags from the projection; offsets in code points, or UTF-16 units with ?offsetUnit=utf16.
 * `status` (visible: all but rejected, by default) and `annotator` (id or email) filter them.
 */
export const GET = articleRoute("project:read", contract.methods.GET, async ({ access, query: { offsetUnit, ...filters } }) => {
  const { annotations } = await listAnnotations(access, offsetUnit, filters);
  return json({ annotations });
});

/** Tags a span of the canonical text; it appears in open editors at once and is in the projection on return. */
export const POST = articleRoute("annotations:create", contract.methods.POST, async ({ access, query, body }) =>
  json({ annotation: await createAnnotation(access, body, query.offsetUnit) }, { status: 201 }),
);
