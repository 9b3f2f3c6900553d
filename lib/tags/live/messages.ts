/**
 * The editor's new tags, sent as WebSocket "stateless" messages on the article's tags document so that they
 * follow the mark the editor just placed on the same socket. Each is answered with `{ requestId, ok, error? }`.
 * The rules are those of the HTTP API (lib/tags/live/operations.ts), through which the editor makes every
 * other tag change.
 */
import "server-only";
import type { Extension, onStatelessPayload } from "@hocuspocus/server";
import { authorizeArticle } from "@/lib/auth/project-access";
import { contextOf, type CollabContext } from "@/lib/collab/context";
import { isMoving } from "@/lib/collab/fence";
import { tagMessageSchema } from "@/lib/tags/schema";
import type { LiveAnnotations } from "./operations";

/** Answers the editor's tag messages on tags documents (and on a blind annotator's view of them). */
export class TagMessages implements Extension {
  readonly extensionName = "margin-tag-messages";

  constructor(
    private readonly live: () => LiveAnnotations,
    /** Called, instead of an answer, when the article moved before the tag was recorded. */
    private readonly moved: (connection: onStatelessPayload["connection"]) => void,
  ) {}

  async onStateless({ connection, payload }: onStatelessPayload): Promise<void> {
    const context = contextOf(connection);
    if (!context || context.kind === "content") return;
    await handleTagMessage(
      this.live(),
      context,
      payload,
      (message) => connection.sendStateless(message),
      () => this.moved(connection),
    );
  }
}

async function handleTagMessage(
  live: LiveAnnotations,
  context: CollabContext,
  payload: string,
  reply: (message: string) => void,
  moved: () => void,
): Promise<void> {
  let message: unknown;
  try {
    message = JSON.parse(payload);
  } catch {
    return reply(JSON.stringify({ ok: false, error: "message is not JSON" }));
  }
  const parsed = tagMessageSchema.safeParse(message);
  if (!parsed.success)
    return reply(
      JSON.stringify({ requestId: (message as { requestId?: unknown })?.requestId, ok: false, error: parsed.error.issues[0]!.message }),
    );
  const request = parsed.data;
  const answer = (result: { ok: boolean; message?: string }) =>
    reply(JSON.stringify({ requestId: request.requestId, ok: result.ok, ...(result.ok ? {} : { error: result.message }) }));
  // Hocuspocus does not wait for this hook: whatever fails here must be answered, never thrown.
  try {
    // Checked on every message: a membership removed a moment ago no longer tags.
    const access = await authorizeArticle(context.actor, context.articleId, "annotations:create");
    if (!access.ok) return answer({ ok: false, message: access.message });
    return answer(await live.create(access.value, { id: request.id, label: request.label }, { markedAt: request.markedAt }));
  } catch (error) {
    // Not refused: the editor would take its mark back. Unanswered, it is sent again after reconnecting.
    if (isMoving(error)) return moved();
    console.error("[collab] tag message failed", error);
    return answer({ ok: false, message: "the server could not do that; it was logged" });
  }
}
