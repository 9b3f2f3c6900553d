import { offsetUnitOf, unwrapLive } from "@/lib/tags/api";
import { getAnnotation, listAnnotations } from "@/lib/tags/data";
import { liveAnnotations } from "@/lib/tags/live/registry";
import { authorizeArticle, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { apiRoute, json, queryOf } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { annotationListQuerySchema, createAnnotationSchema } from "./contract";

/**
 * The article's tags from the projection; offsets in code points, or UTF-16 units with ?offsetUnit=utf16.
 * `status` (visible: all but rejected, by default) and `annotator` (id or email) filter them.
 */
export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeArticle(actor, (await params).id, "project:read"));
  const unit = offsetUnitOf(request);
  const { status, annotator } = parseOrThrow(annotationListQuerySchema, queryOf(request));
  const { annotations } = await listAnnotations(access, unit, { status, annotator });
  return json({ annotations });
});

/** Tags a span of the canonical text; it appears in open editors at once and is in the projection on return. */
export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeArticle(actor, (await params).id, "annotations:create"));
  const unit = offsetUnitOf(request);
  const input = parseOrThrow(createAnnotationSchema, await readJson(request));
  const { id } = unwrapLive(
    await liveAnnotations().create(access, {
      label: input.label,
      attributes: input.attributes,
      note: input.note,
      span: { start: input.start, end: input.end, unit },
    }),
  );
  return json({ annotation: await getAnnotation(access, id, unit) }, { status: 201 });
});
