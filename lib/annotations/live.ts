/**
 * Tag operations (lib/annotations/operations.ts) applied to an article's live documents, for the HTTP API
 * and the editor's tag messages alike: applied as the server, so that clients see them at once, and in
 * the projection before they return.
 *
 * These run in the server process's own module graph, next to the collaboration server: Next.js bundles
 * route handlers separately, and a second copy of Yjs there would not recognise the server's documents.
 * Route handlers reach them through lib/annotations/live-registry.ts, which holds no Yjs.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { ArticleAccess } from "@/lib/auth/context";
import { projectContent } from "@/lib/collab/model";
import { documentName } from "@/lib/collab/names";
import type { Collaboration } from "@/lib/collab/server";
import { unsafeGetUserById } from "@/lib/users/data";
import { createTag, removeTag, restoreTag, updateTag, type CreateInput, type TagActor, type UpdateInput } from "./operations";

export type { TagRefusal as LiveRefusal } from "./operations";

type Access = ArticleAccess<"annotations:create">;

async function tagActor(access: Access): Promise<TagActor> {
  const user = access.userId ? await unsafeGetUserById(access.userId) : null;
  if (!user) throw new Error("tag operations need a user");
  return { userId: user.id, name: user.name ?? user.email, role: access.role };
}

/**
 * The editor sends its mark (content document) before the tag message (tags document) on one socket, but
 * Hocuspocus handles the two documents' messages independently: give the mark a moment to land.
 */
async function waitForMark(collaboration: Collaboration, articleId: string, id: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const content = collaboration.hocuspocus.documents.get(documentName(articleId, "content"));
    if (content && projectContent(content).spans.has(id)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const now = () => new Date().toISOString();

/** The operations bound to a collaboration server: what the registry hands to route handlers. */
export function createLiveAnnotations(collaboration: Collaboration) {
  return {
    async create(access: Access, input: CreateInput) {
      const actor = await tagActor(access);
      if (input.id && !input.span) await waitForMark(collaboration, access.articleId, input.id);
      return collaboration.edit(access.articleId, (docs) => createTag(docs, actor, input, input.id ?? randomUUID(), now()));
    },
    async update(access: Access, id: string, input: UpdateInput) {
      const actor = await tagActor(access);
      return collaboration.edit(access.articleId, (docs) => updateTag(docs, actor, id, input, now()));
    },
    async delete(access: Access, id: string) {
      const actor = await tagActor(access);
      return collaboration.edit(access.articleId, (docs) => removeTag(docs, actor, id, now()));
    },
    async restore(access: Access, id: string, last: { text: string; start: number | null }) {
      const actor = await tagActor(access);
      return collaboration.edit(access.articleId, (docs) => restoreTag(docs, actor, id, last, now()));
    },
  };
}

export type LiveAnnotations = ReturnType<typeof createLiveAnnotations>;
