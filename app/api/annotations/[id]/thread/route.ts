import { authorizeTag, unwrapLive } from "@/lib/tags/api";
import { liveAnnotations } from "@/lib/tags/live/registry";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { threadSchema } from "./contract";

/** Resolves (`{"resolved": true}`) or reopens the tag's discussion. */
export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const { id } = await params;
  const access = await authorizeTag(request, id, "annotations:comment");
  const { resolved } = parseOrThrow(threadSchema, await readJson(request));
  return json({ thread: unwrapLive(await liveAnnotations().resolveThread(access, id, resolved)) });
});
