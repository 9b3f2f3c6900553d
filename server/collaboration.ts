/**
 * Margin's collaboration server, composed: the one place that says which extensions run and how they share
 * state. Used by the server process (server/main.ts), the tests (lib/testing/collab.ts) and the benchmarks,
 * so that all of them run the same server.
 *
 * Extensions, in order: authorization (who may open what), the content guard (each client update against
 * what its sender may do), the presence guard (awareness says who the connection is; blind annotators are
 * sent no colleague's), keep-loaded, the
 * dropping of connections whose access changed, persistence (append, snapshot, and the tags' store step
 * around it), blind views, and the editor's tag messages. Tag changes go through one TagPublisher, which appends
 * them before colleagues see them and refreshes blind views after.
 */
import "server-only";
import { AccessDrop } from "@/lib/collab/access-drop";
import { Authorization } from "@/lib/collab/authorization";
import { Collaboration, type CollaborationOptions } from "@/lib/collab/collaboration";
import { KeepLoaded, type Clock } from "@/lib/collab/keep-loaded";
import { documentName } from "@/lib/collab/names";
import { ALREADY_STORED, Persistence } from "@/lib/collab/persistence";
import { PresenceGuard } from "@/lib/collab/presence";
import { BlindViews } from "@/lib/tags/live/blind-views";
import { ContentGuard } from "@/lib/tags/live/content-guard";
import { TagMessages } from "@/lib/tags/live/messages";
import { createLiveAnnotations, type LiveAnnotations } from "@/lib/tags/live/operations";
import { TagPublisher } from "@/lib/tags/live/publisher";
import { tagStoreStep } from "@/lib/tags/live/store-step";
import { appendTagsUpdate, seedDocuments } from "@/lib/tags/mutations";

export type StartOptions = CollaborationOptions & {
  /**
   * How long a document stays loaded after its last reader leaves (60000): a reload or a colleague opening
   * the article meanwhile skips reading and decoding it again.
   */
  keepLoadedMs?: number;
  /** The keep-loaded rule's clock (tests drive time themselves). */
  clock?: Clock;
};

export type RunningCollaboration = { collaboration: Collaboration; live: LiveAnnotations; publisher: TagPublisher };

export function startCollaboration(options: StartOptions = {}): RunningCollaboration {
  const views = new BlindViews();
  let persistence: Persistence | null = null;
  const publisher = new TagPublisher({
    origin: ALREADY_STORED,
    append: async (articleId, update, journal) => {
      const id = await appendTagsUpdate(articleId, update, journal);
      if (id !== null) persistence?.noteAppended(documentName(articleId, "tags"), id);
    },
    onPublished: (articleId, live) => views.refresh(articleId, live),
  });
  persistence = new Persistence({ seed: seedDocuments, step: tagStoreStep(publisher) });
  let live: LiveAnnotations | null = null;
  const collaboration = new Collaboration(
    persistence,
    [
      new Authorization(),
      new ContentGuard(async (articleId, journal) => void (await appendTagsUpdate(articleId, null, journal))),
      new PresenceGuard(),
      // Released first at shutdown: nothing is kept loaded, and access changes no longer arrive.
      new KeepLoaded(options.keepLoadedMs, options.clock),
      new AccessDrop(),
      persistence,
      views,
      new TagMessages(() => live!),
    ],
    options,
  );
  live = createLiveAnnotations(collaboration, publisher);
  return { collaboration, live, publisher };
}
