import { authorizeTag, unwrapLive } from "@/lib/tags/api";
import { liveAnnotations } from "@/lib/tags/live/registry";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { listComments, resolveMentions } from "@/lib/review/data";
import { commentSchema } from "./contract";

/** The tag's discussion, oldest first, with the resolve and reopen marks between comments. */
export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const { id } = await params;
  const access = await authorizeTag(request, id, "project:read");
  return json({ comments: await listComments(access, id) });
});

/** Adds a comment; `@email` of a project member mentions them. */
export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const { id } = await params;
  const access = await authorizeTag(request, id, "annotations:comment");
  const { body } = parseOrThrow(commentSchema, await readJson(request));
  const { commentId } = unwrapLive(await liveAnnotations().comment(access, id, body, await resolveMentions(access, body)));
  const comment = (await listComments(access, id)).find((entry) => entry.id === commentId);
  return json({ comment }, { status: 201 });
});
