/**
 * Margin's collaboration server, composed: the one place that says which extensions run and how they share
 * state. Used by the server process (server/main.ts), the tests (lib/testing/collab.ts) and the benchmarks,
 * so that all of them run the same server.
 *
 * Extensions, in order: ownership (one instance of a cluster owns an article's live documents; it runs
 * first, whatever its place, by its priority), authorization (who may open what), the content guard (each
 * client update against what its sender may do), the presence guard (awareness says who the connection is;
 * blind annotators are sent no colleague's), keep-loaded, the dropping of connections whose access changed,
 * persistence (append, snapshot, and the tags' store step around it, each write fenced by the owner's
 * epoch), blind views, and the editor's tag messages. Tag changes go through one TagPublisher, which appends
 * them before colleagues see them and refreshes blind views after. Live tag operations asked of an instance
 * that does not own the article are forwarded to the one that does (lib/tags/live/forwarding.ts).
 */
import { adoptActorLinks } from "@/lib/tags/live/actor-adoption";
import "server-only";
import { AccessDrop } from "@/lib/collab/access-drop";
import { Authorization } from "@/lib/collab/authorization";
import { Collaboration, type CollaborationOptions } from "@/lib/collab/collaboration";
import { KeepLoaded, type Clock } from "@/lib/collab/keep-loaded";
import { documentName, parseDocumentName } from "@/lib/collab/names";
import { MOVED, Ownership, UNSTORED } from "@/lib/collab/ownership";
import { ALREADY_STORED, Persistence } from "@/lib/collab/persistence";
import { PresenceGuard } from "@/lib/collab/presence";
import { BlindViews } from "@/lib/tags/live/blind-views";
import { ContentGuard } from "@/lib/tags/live/content-guard";
import { forwardedLiveAnnotations } from "@/lib/tags/live/forwarding";
import { TagMessages } from "@/lib/tags/live/messages";
import { createLiveAnnotations, type LiveAnnotations } from "@/lib/tags/live/operations";
import { ProjectionPrimer, ProjectionWriter } from "@/lib/tags/live/projection-writer";
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
  /** How often owned articles nobody uses any more are let go (5000 ms), and how long after a claim (15000 ms). */
  releaseIdleMs?: number;
  claimGraceMs?: number;
  /** The instance's id in the cluster (random; the server process gives its database pool's). */
  instanceId?: string;
};

export type RunningCollaboration = {
  collaboration: Collaboration;
  /** The live operations as route handlers call them: here when this instance owns the article, else forwarded. */
  live: LiveAnnotations;
  /** The same, always run here (what a forwarded operation runs). */
  local: LiveAnnotations;
  publisher: TagPublisher;
  ownership: Ownership;
  /** Starts taking articles, reachable by peers at `address` (this instance's HTTP origin). */
  start(address: string): Promise<void>;
};

export function startCollaboration(options: StartOptions = {}): RunningCollaboration {
  const views = new BlindViews();
  let collaboration: Collaboration | null = null;
  const ownership = new Ownership({
    // Another instance took these articles (this one lost its database session): their clients move there.
    onLost: (articleIds) => collaboration?.evict(articleIds, MOVED),
    onMisrouted: (socketId) => collaboration?.closeSocket(socketId, MOVED),
    sweepMs: options.releaseIdleMs,
    claimGraceMs: options.claimGraceMs,
    instanceId: options.instanceId,
  });
  const fence = (articleId: string) => ownership.epochOf(articleId);
  let persistence: Persistence | null = null;
  const projections = new ProjectionWriter();
  const publisher = new TagPublisher({
    origin: ALREADY_STORED,
    append: async (articleId, update, journal) => {
      const id = await appendTagsUpdate(articleId, update, journal, fence(articleId));
      if (id !== null) persistence?.noteAppended(documentName(articleId, "tags"), id);
    },
    onPublished: (articleId, live, changed) => views.refresh(articleId, live, changed),
  });
  persistence = new Persistence({
    seed: seedDocuments,
    step: tagStoreStep(publisher, projections),
    adopt: adoptActorLinks,
    fence,
    onUnstored: (connection, moving) =>
      connection.webSocket.close(moving ? MOVED.code : UNSTORED.code, moving ? MOVED.reason : UNSTORED.reason),
  });
  let live: LiveAnnotations | null = null;
  collaboration = new Collaboration(
    persistence,
    [
      ownership,
      new Authorization(),
      new ContentGuard(async (articleId, journal) => void (await appendTagsUpdate(articleId, null, journal, fence(articleId)))),
      new PresenceGuard(),
      // Released first at shutdown: nothing is kept loaded, and access changes no longer arrive.
      new KeepLoaded(options.keepLoadedMs, options.clock, (name) => ownership.owns(parseDocumentName(name)?.articleId ?? "")),
      new AccessDrop(),
      persistence,
      new ProjectionPrimer(projections, fence, (articleId, tags) => publisher.prepare(articleId, tags)),
      views,
      // A tag the article's move kept from being recorded is not answered: its socket is closed, and the
      // editor sends it again to the new owner once it has reconnected (lib/tags/client/tag-client.ts).
      new TagMessages(
        () => live!,
        (connection) => connection.webSocket.close(MOVED.code, MOVED.reason),
      ),
    ],
    options,
    (articleId) => ownership.claim(articleId),
  );
  const local = createLiveAnnotations(collaboration, publisher, async (articleId, documents, contentChange) => {
    if (contentChange) await persistence.appendNow(articleId, "content", contentChange);
    await projections.write(articleId, documents, fence(articleId));
  });
  live = forwardedLiveAnnotations(local, ownership);
  return { collaboration, live, local, publisher, ownership, start: (address) => ownership.start(address) };
}
