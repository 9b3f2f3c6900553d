import { json } from "@/lib/http/api-handler";
import { tagRoute } from "@/lib/routes/wrappers";
import { listComments } from "@/lib/review/data";
import { commentOnAnnotation } from "@/lib/review/tag-review";
import { contract } from "./contract";

/** The tag's discussion, oldest first, with the resolve and reopen marks between comments. */
export const GET = tagRoute("project:read", contract.methods.GET, async ({ access, params }) =>
  json({ comments: await listComments(access, params.id) }),
);

/** Adds a comment; `@email` of a project member mentions them. */
export const POST = tagRoute("annotations:comment", contract.methods.POST, async ({ access, params, body }) =>
  json({ comment: await commentOnAnnotation(access, params.id, body.body) }, { status: 201 }),
);
