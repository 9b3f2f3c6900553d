import { offsetUnitOf, unwrapLive } from "@/lib/annotations/api";
import { getAnnotation, unsafeFindAnnotationArticle } from "@/lib/annotations/data";
import { liveAnnotations } from "@/lib/annotations/live-registry";
import { updateAnnotationSchema } from "@/lib/annotations/schema";
import type { Capability } from "@/lib/auth/permissions";
import { authorizeArticle, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { AppError } from "@/lib/errors";
import { apiRoute, json, readJson } from "@/lib/http/api-handler";
import { parseOrThrow } from "@/lib/http/parse";

/** The tag's article, authorized: a tag in a project the caller is not in is "not found", like a missing one. */
async function articleOf<C extends Capability>(request: Request, id: string, capability: C) {
  const actor = await authenticateRequest(request);
  const articleId = await unsafeFindAnnotationArticle(id);
  if (!articleId) throw new AppError("not_found", `No annotation "${id}"`);
  const access = await authorizeArticle(actor, articleId, capability);
  if (!access.ok && access.reason === "not_found") throw new AppError("not_found", `No annotation "${id}"`);
  return unwrapAccess(access);
}

export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const { id } = await params;
  const access = await articleOf(request, id, "project:read");
  return json({ annotation: await getAnnotation(access, id, offsetUnitOf(request)) });
});

/** Changes the label, attributes, note, or the span (start and end together, in the request's unit). */
export const PATCH = apiRoute<{ id: string }>(async (request, { params }) => {
  const { id } = await params;
  const access = await articleOf(request, id, "annotations:create");
  const unit = offsetUnitOf(request);
  const input = parseOrThrow(updateAnnotationSchema, await readJson(request));
  const span = input.start !== undefined ? { start: input.start, end: input.end!, unit } : undefined;
  unwrapLive(await liveAnnotations().update(access, id, { label: input.label, attributes: input.attributes, note: input.note, span }));
  return json({ annotation: await getAnnotation(access, id, unit) });
});

export const DELETE = apiRoute<{ id: string }>(async (request, { params }) => {
  const { id } = await params;
  const access = await articleOf(request, id, "annotations:create");
  unwrapLive(await liveAnnotations().delete(access, id));
  return new Response(null, { status: 204 });
});
