/**
 * The first half of a store's work on tags (lib/tags/live/store-step.ts), shared with the convergence
 * simulation: marks no tag owns are tidied away through the publisher, so that a retired id is appended
 * before colleagues see its mark go. Returns the unknown ids still within their grace.
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import type * as Y from "yjs";
import { contentRoot } from "@/lib/tags/documents";
import { tidyMarks, UNCLAIMED_MARK_GRACE_MS } from "@/lib/tags/operations";
import type { TagPublisher } from "./publisher";

export function tidyArticle(
  publisher: TagPublisher,
  articleId: string,
  documents: { content: Y.Doc; tags: Y.Doc },
  unclaimed: ReadonlyMap<string, number>,
  now: Date,
  root: PMNode = contentRoot(documents.content),
): Promise<Map<string, number>> {
  return publisher.publish(articleId, documents.tags, (shadow) =>
    tidyMarks({ content: documents.content, tags: shadow }, unclaimed, now, UNCLAIMED_MARK_GRACE_MS, root),
  );
}
