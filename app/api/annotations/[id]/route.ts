import { authorizeTag, offsetUnitOf, unwrapLive } from "@/lib/tags/api";
import { getAnnotation } from "@/lib/tags/data";
import { liveAnnotations } from "@/lib/tags/live/registry";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { updateAnnotationSchema } from "./contract";

export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const { id } = await params;
  const access = await authorizeTag(request, id, "project:read");
  return json({ annotation: await getAnnotation(access, id, offsetUnitOf(request)) });
});

/** Changes the label, attributes, note, or the span (start and end together, in the request's unit). */
export const PATCH = apiRoute<{ id: string }>(async (request, { params }) => {
  const { id } = await params;
  const access = await authorizeTag(request, id, "annotations:create");
  const unit = offsetUnitOf(request);
  const input = parseOrThrow(updateAnnotationSchema, await readJson(request));
  const span = input.start !== undefined ? { start: input.start, end: input.end!, unit } : undefined;
  unwrapLive(await liveAnnotations().update(access, id, { label: input.label, attributes: input.attributes, note: input.note, span }));
  return json({ annotation: await getAnnotation(access, id, unit) });
});

export const DELETE = apiRoute<{ id: string }>(async (request, { params }) => {
  const { id } = await params;
  const access = await authorizeTag(request, id, "annotations:create");
  unwrapLive(await liveAnnotations().delete(access, id));
  return new Response(null, { status: 204 });
});
