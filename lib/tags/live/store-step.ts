/**
 * What a store of an article does for its tags, around the snapshot (lib/collab/persistence.ts): before it,
 * marks no tag owns are tidied away (a deleted tag's mark copied back by a concurrent edit or an undo; a
 * creation that never arrived, after a grace period; lib/tags/operations.ts); after it, the projection
 * (the article's text and one row per tag, with code-point offsets) is brought up to date for review,
 * search, export and the API, with what changed since it was last written (projection-writer.ts).
 */
import "server-only";
import type { StoreStep } from "@/lib/collab/persistence";
import type { ProjectionWriter } from "./projection-writer";
import type { TagPublisher } from "./publisher";
import { tidyArticle } from "./tidy";

export function tagStoreStep(publisher: TagPublisher, projections: ProjectionWriter): StoreStep {
  /** Per article, the unknown tag ids marked in its text and when each was first seen (see tidyMarks). */
  const unclaimed = new Map<string, Map<string, number>>();
  return async (articleId, { content, tags }, snapshot, epoch) => {
    if (content.loaded && tags.loaded) {
      const waiting = unclaimed.get(articleId) ?? new Map<string, number>();
      unclaimed.set(articleId, await tidyArticle(publisher, articleId, { content: content.doc, tags: tags.doc }, waiting, new Date()));
    }
    await snapshot();
    await projections.write(articleId, { content: content.doc, tags: tags.doc }, epoch);
  };
}
