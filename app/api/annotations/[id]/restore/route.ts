import { authorizeTag, offsetUnitOf, unwrapLive } from "@/lib/tags/api";
import { getAnnotation, lastPlaceOf } from "@/lib/tags/data";
import { liveAnnotations } from "@/lib/tags/live/registry";
import { AppError } from "@/lib/errors";
import { apiRoute, json } from "@/lib/http/api-handler";

/**
 * Puts an orphaned tag back on its last words, if they are in the text again (the place nearest to where
 * they were); otherwise 400, and the caller chooses new words (PATCH with start and end).
 */
export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const { id } = await params;
  const access = await authorizeTag(request, id, "annotations:create");
  const last = await lastPlaceOf(access, id);
  if (!last) throw new AppError("not_found", `No annotation "${id}"`);
  unwrapLive(await liveAnnotations().restore(access, id, last));
  return json({ annotation: await getAnnotation(access, id, offsetUnitOf(request)) });
});
