/**
 * What a store of an article does for its tags, around the snapshot (lib/collab/persistence.ts): before it,
 * marks no tag owns are tidied away (a deleted tag's mark copied back by a concurrent edit or an undo; a
 * creation that never arrived, after a grace period; lib/tags/operations.ts); after it, the projection
 * (the article's text and one row per tag, with code-point offsets) is rewritten for review, search,
 * export and the API.
 */
import "server-only";
import * as Y from "yjs";
import type { StoreStep } from "@/lib/collab/persistence";
import { contentRoot, readTags } from "@/lib/tags/documents";
import { writeProjection } from "@/lib/tags/mutations";
import { projectDocument } from "@/lib/tags/projection";
import type { TagPublisher } from "./publisher";
import { tidyArticle } from "./tidy";

export function tagStoreStep(publisher: TagPublisher): StoreStep {
  /** Per article, the unknown tag ids marked in its text and when each was first seen (see tidyMarks). */
  const unclaimed = new Map<string, Map<string, number>>();
  return async (articleId, { content, tags }, snapshot, epoch) => {
    // The content as ProseMirror reads it, built once for tidying and the projection (a quarter of a
    // second for 100,000 characters and 5,000 tags), again only if the content changed in between.
    let root = contentRoot(content.doc);
    if (content.loaded && tags.loaded) {
      const before = Y.encodeStateVector(content.doc);
      const waiting = unclaimed.get(articleId) ?? new Map<string, number>();
      unclaimed.set(
        articleId,
        await tidyArticle(publisher, articleId, { content: content.doc, tags: tags.doc }, waiting, new Date(), root),
      );
      if (!Buffer.from(before).equals(Y.encodeStateVector(content.doc))) root = contentRoot(content.doc);
    }
    await snapshot();
    await writeProjection(articleId, projectDocument(root), readTags(tags.doc), epoch);
  };
}
