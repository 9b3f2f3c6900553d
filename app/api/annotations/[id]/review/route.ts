import { authorizeTag, offsetUnitOf } from "@/lib/tags/api";
import { getAnnotation } from "@/lib/tags/data";
import { liveAnnotations } from "@/lib/tags/live/registry";
import { AppError } from "@/lib/errors";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { reviewSchema } from "./contract";

/**
 * Accepts or rejects a tag, optionally with a comment and (accepting) a corrected label or span. A tag
 * someone decided meanwhile is a 409 that carries its current state, so the second reviewer sees it.
 */
export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const { id } = await params;
  const access = await authorizeTag(request, id, "annotations:review");
  const unit = offsetUnitOf(request);
  const { start, end, ...input } = parseOrThrow(reviewSchema, await readJson(request));
  const result = await liveAnnotations().review(access, id, {
    ...input,
    span: start !== undefined ? { start, end: end!, unit } : undefined,
  });
  if (!result.ok && result.reason === "conflict")
    return json(
      { error: { code: "conflict", message: result.message }, annotation: await getAnnotation(access, id, unit) },
      { status: 409 },
    );
  if (!result.ok) throw new AppError(result.reason, result.message, result.field);
  return json({ annotation: await getAnnotation(access, id, unit) });
});
