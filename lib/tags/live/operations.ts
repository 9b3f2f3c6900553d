/**
 * Tag operations (lib/tags/operations.ts) applied to an article's live documents, for the HTTP API
 * and the editor's tag messages alike: applied as the server, so that clients see them at once, and in
 * the projection before they return.
 *
 * These run in the server process's own module graph, next to the collaboration server: Next.js bundles
 * route handlers separately, and a second copy of Yjs there would not recognise the server's documents.
 * Route handlers reach them through lib/tags/live/registry.ts, which holds no Yjs.
 */
import "server-only";
import * as Y from "yjs";
import { randomUUID } from "node:crypto";
import type { ArticleAccess } from "@/lib/auth/context";
import { hasState, projectContent, type ClientState } from "@/lib/tags/documents";
import { documentName } from "@/lib/collab/names";
import type { Collaboration } from "@/lib/collab/collaboration";
import type { Journal } from "@/lib/tags/journal";
import type { TagPublisher } from "./publisher";
import { unsafeGetUserById } from "@/lib/auth/data";
import { unsafeListDoneAnnotators } from "@/lib/tags/data";
import type { Result } from "@/lib/errors";
import { unsafeReadActorIndex, unsafeRegistryStamp } from "@/lib/actors/data";
import { unsafeEnsureRecordsForNames } from "@/lib/actors/mutations";
import { buildActorIndex, nameKey, type ActorIndex } from "@/lib/tags/actor-links";
import {
  createTag,
  removeTag,
  restoreTag,
  updateTag,
  type ArticleDocs,
  type CreateInput,
  type TagActor,
  type TagRefusal,
  type UpdateInput,
} from "@/lib/tags/operations";
import { commentOnTag, mergeAgreeingTags, resolveThread, reviewTag, type ReviewInput } from "@/lib/tags/operations";

export type { TagRefusal as LiveRefusal } from "@/lib/tags/operations";

type Access = ArticleAccess<"annotations:create">;

async function tagActor(access: ArticleAccess): Promise<TagActor> {
  const user = access.userId ? await unsafeGetUserById(access.userId) : null;
  if (!user) throw new Error("tag operations need a user");
  return { userId: user.id, name: user.name ?? user.email, role: access.role };
}

/**
 * The editor sends its mark (content document) before the tag message (tags document) on one socket, but
 * Hocuspocus handles the two documents' messages independently, and the content's may wait behind others
 * (or behind loading the document after a restart). Told how far the editor's changes went once it had
 * marked (`markedAt`), wait until the server has applied that much, however busy it is, within a bound
 * under the editor's own patience (15 s, lib/tags/client/tag-client.ts): the mark is then there, or will
 * never be. Without it (a page loaded before editors sent it), give the mark a moment to land.
 */
async function waitForMark(collaboration: Collaboration, articleId: string, id: string, markedAt?: ClientState): Promise<void> {
  const deadline = Date.now() + (markedAt ? 10_000 : 2000);
  const marked = (content: Y.Doc) => (markedAt ? hasState(content, markedAt) : projectContent(content).spans.has(id));
  while (Date.now() < deadline) {
    const content = collaboration.loaded(documentName(articleId, "content"));
    if (content && marked(content)) return;
    // The mark is usually a few milliseconds behind (appended to PostgreSQL before it is applied): look
    // again as soon as the document changes, rather than at the next tick of a poll.
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        content?.off("update", done);
        resolve();
      };
      // Bounded, in case the document is unloaded and loaded again meanwhile (a new Y.Doc).
      const timer = setTimeout(done, content ? 250 : 25);
      content?.on("update", done);
    });
  }
}

const now = () => new Date().toISOString();

/**
 * The project's registry as a new or changed actor tag is linked by (lib/tags/actor-links.ts). A canonical
 * name no record answers to becomes a record first: what a tag names by name is a record, as the registry's
 * migration made of every canonical name before it.
 */
async function actorIndex(access: ArticleAccess, attributes: Record<string, unknown> | undefined): Promise<ActorIndex> {
  const name = typeof attributes?.canonicalName === "string" ? attributes.canonicalName.trim() : "";
  let index = await registryOf(access.projectId);
  if (name && attributes?.actorId === undefined && !index.byKey.has(nameKey(name))) {
    const kind = typeof attributes?.kind === "string" ? attributes.kind : null;
    await unsafeEnsureRecordsForNames(access.projectId, access.userId, [{ name, kind }]);
    index = await registryOf(access.projectId);
  }
  return index;
}

/**
 * Per project, the registry last read and its stamp: reading 1,500 records and keying their names for every
 * actor tag cost several milliseconds, the stamp (which any instance's change of the registry changes) one.
 */
const registries = new Map<string, { stamp: string; index: ActorIndex }>();

async function registryOf(projectId: string): Promise<ActorIndex> {
  const stamp = await unsafeRegistryStamp(projectId);
  const known = registries.get(projectId);
  if (known?.stamp === stamp) return known.index;
  const index = buildActorIndex(await unsafeReadActorIndex(projectId));
  registries.set(projectId, { stamp, index });
  return index;
}

/**
 * Who may have their tags merged by auto-accept: anyone, or in a blind project only annotators who have
 * marked their work done (merging shows each the other's tag). Null when auto-accept is off.
 */
async function mergePolicy(access: ArticleAccess): Promise<((userId: string) => boolean) | null> {
  if (!access.settings.autoAcceptAgreement) return null;
  if (!access.settings.blindAnnotation) return () => true;
  const done = await unsafeListDoneAnnotators(access.articleId);
  return (userId) => done.has(userId);
}

/**
 * Makes what a tag operation changed durable and readable, once the publisher has appended its change of
 * the tags document: the server's own change of the content (a mark placed or removed), appended in turn,
 * and the projection's rows for what changed (lib/tags/live/projection-writer.ts). Not a whole store of
 * the article: that re-encoded and rewrote all of it for every tag (bench/editor.ts, the add-one curve).
 */
export type RecordChange = (
  articleId: string,
  documents: { content: Y.Doc; tags: Y.Doc },
  contentChange: Uint8Array | null,
) => Promise<void>;

/**
 * Runs `edit` on an article's live documents as the server: the content document directly, the tags
 * document through the publisher. Clients see the change at once, and it is durable and in the projection
 * before this resolves (so that a script reads its own writes).
 */
async function editArticle<T>(
  collaboration: Collaboration,
  publisher: TagPublisher,
  record: RecordChange,
  articleId: string,
  edit: (documents: { content: Y.Doc; tags: Y.Doc; journal: Journal; actors?: ActorIndex }) => T | Promise<T>,
  actors?: ActorIndex,
): Promise<T> {
  const article = await collaboration.openArticle(articleId);
  const contentChanges: Uint8Array[] = [];
  const collect = (update: Uint8Array) => contentChanges.push(update);
  try {
    const result = await publisher.publish(articleId, article.tags, (shadow, journal) => {
      // Operations are synchronous: what the content document emits meanwhile is theirs.
      article.content.on("update", collect);
      try {
        return edit({ content: article.content, tags: shadow, journal, actors });
      } finally {
        article.content.off("update", collect);
      }
    });
    await record(
      articleId,
      { content: article.content, tags: article.tags },
      contentChanges.length ? Y.mergeUpdates(contentChanges) : null,
    );
    return result;
  } finally {
    await article.close();
  }
}

/** The operations bound to a collaboration server: what the registry hands to route handlers. */
export function createLiveAnnotations(collaboration: Collaboration, publisher: TagPublisher, record: RecordChange) {
  /**
   * Runs one operation on the article's documents; its journal is written only when it succeeded, and
   * (auto-accept) identical tags of several annotators are merged in the same change.
   */
  const run = async <T>(
    access: ArticleAccess,
    operation: (docs: ArticleDocs, at: string) => Result<T, TagRefusal>,
    actors?: ActorIndex,
  ) => {
    return editArticle(
      collaboration,
      publisher,
      record,
      access.articleId,
      (docs) => {
        const result = operation(docs, now());
        if (!result.ok) docs.journal.length = 0;
        return result;
      },
      actors,
    );
  };
  /** A tag operation after which the tag may agree with a colleague's: merged into a gold tag, its id is that tag's. */
  const runMerging = async (
    access: ArticleAccess,
    operation: (docs: ArticleDocs, at: string) => Result<{ id: string }, TagRefusal>,
    actors?: ActorIndex,
  ) => {
    const mayMerge = await mergePolicy(access);
    return editArticle(
      collaboration,
      publisher,
      record,
      access.articleId,
      (docs): Result<{ id: string }, TagRefusal> => {
        const at = now();
        const result = operation(docs, at);
        if (!result.ok) docs.journal.length = 0;
        if (!result.ok || !mayMerge) return result;
        const into = mergeAgreeingTags(docs, mayMerge, at, [result.value.id]).get(result.value.id);
        return into ? { ok: true, value: { id: into } } : result;
      },
      actors,
    );
  };
  return {
    /** `markedAt`: for a tag the editor has marked, how far its changes went once marked (see waitForMark). */
    async create(access: Access, input: CreateInput, options: { markedAt?: ClientState } = {}) {
      const actor = await tagActor(access);
      if (input.id && !input.span) await waitForMark(collaboration, access.articleId, input.id, options.markedAt);
      const actors = input.label === "actor" ? await actorIndex(access, input.attributes) : undefined;
      return runMerging(access, (docs, at) => createTag(docs, actor, input, input.id ?? randomUUID(), at), actors);
    },
    async update(access: Access, id: string, input: UpdateInput) {
      const actor = await tagActor(access);
      const actors = input.label === "actor" || input.attributes || input.span ? await actorIndex(access, input.attributes) : undefined;
      return runMerging(access, (docs, at) => updateTag(docs, actor, id, input, at), actors);
    },
    async delete(access: Access, id: string) {
      const actor = await tagActor(access);
      return run(access, (docs, at) => removeTag(docs, actor, id, at));
    },
    async restore(access: Access, id: string, last: { text: string; start: number | null } | null) {
      const actor = await tagActor(access);
      return runMerging(access, (docs, at) => restoreTag(docs, actor, id, last, at));
    },
    async review(access: ArticleAccess<"annotations:review">, id: string, input: ReviewInput) {
      const actor = await tagActor(access);
      // A correction may make it an actor tag, or move one: linked as any change of an actor tag is.
      const actors = input.label || input.span ? await actorIndex(access, undefined) : undefined;
      return run(access, (docs, at) => reviewTag(docs, actor, id, input, access.settings, at), actors);
    },
    async comment(access: ArticleAccess<"annotations:comment">, id: string, body: string, mentions: string[]) {
      const actor = await tagActor(access);
      return run(access, (docs, at) => commentOnTag(docs, actor, id, body, mentions, at));
    },
    async resolveThread(access: ArticleAccess<"annotations:comment">, id: string, resolved: boolean) {
      const actor = await tagActor(access);
      return run(access, (docs, at) => resolveThread(docs, actor, id, resolved, at));
    },
    /** Auto-accept over a whole article: when the setting is turned on, or an annotator marks their work done. */
    async mergeAgreeing(access: ArticleAccess) {
      const mayMerge = await mergePolicy(access);
      if (!mayMerge) return [];
      return editArticle(collaboration, publisher, record, access.articleId, (docs) => mergeAgreeingTags(docs, mayMerge, now()));
    },
  };
}

export type LiveAnnotations = ReturnType<typeof createLiveAnnotations>;
