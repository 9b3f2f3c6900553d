/**
 * One owner per article across a cluster of instances, as a Hocuspocus extension. The instance that first
 * needs an article's live documents takes it: a session advisory lock on a database session of its own
 * (alive as long as the instance is: a crashed instance lets go by itself), and the owner row with a new
 * epoch, the fencing token every write of the article carries (lib/collab/fence.ts). The others forward
 * the article's sockets and live writes to the owner's address, so that each article has one live copy,
 * one writer of its tags, one place where a review race is decided, and no updates to relay.
 *
 * Each instance beats once a second on that session (cluster_instances). An owner that stops beating for
 * MARGIN_OWNER_STALE_MS (10 s: frozen, paused, cut off from the database, while its session lingers) has
 * its session ended by the first peer that needs one of its articles: its locks go, the peer takes over,
 * and the epoch refuses whatever the former owner writes when it wakes up.
 *
 * The same session hears notices from other instances (LISTEN): access changes (lib/collab/access-changes.ts).
 * If the session is lost, so is every lock it held: every article this instance owned is dropped at once
 * (its sockets are closed, its clients reconnect to whoever takes it), and so are notices sent meanwhile,
 * which is why dropping every socket is also the re-check of everyone's access. A single instance is a
 * cluster of one: the same path, one extra connection.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { afterUnloadDocumentPayload, Extension, Hocuspocus, onLoadDocumentPayload } from "@hocuspocus/server";
import type { DedicatedSession } from "@/lib/db/dedicated-session";
import { AppError } from "@/lib/errors";
import { announceAccessChange, parseAccessChange } from "./access-changes";
import { readOwner } from "./data";
import { FencedError } from "./fence";
import {
  ACCESS_CHANNEL,
  beat,
  endStaleInstance,
  openOwnershipSession,
  registerInstance,
  releaseArticle,
  takeArticle,
  unregisterInstance,
} from "./mutations";
import { parseDocumentName } from "./names";

/** Where an article's live work runs: here (under this epoch), or at a peer's address. */
export type Route = { local: true; epoch: bigint } | { local: false; address: string };

/** The close code and reason of a socket whose article moved to another instance: its client reconnects. */
export const MOVED = { code: 4503, reason: "article moved" } as const;

/** The same for a socket whose update could not be stored (the database failed): its client sends it again. */
export const UNSTORED = { code: 4500, reason: "update not stored" } as const;

export type OwnershipOptions = {
  /** Called with the articles this instance just lost: close their sockets and unload them, unstored. */
  onLost: (articleIds: string[]) => void;
  /** A socket asked here for a document of an article another instance owns: close it, so it reconnects there. */
  onMisrouted: (socketId: string) => void;
  /** How often articles nobody uses here are let go (5000 ms). */
  sweepMs?: number;
  /** How long after its last claim an article is kept though nothing uses it yet (15000 ms; see claimedAt). */
  claimGraceMs?: number;
  /** How long an owner may go without beating before a peer ends its session (MARGIN_OWNER_STALE_MS, 10000 ms). */
  staleMs?: number;
  /** This instance's id (random): the server process gives its pool's (lib/db/prisma.ts poolInstanceId). */
  instanceId?: string;
};

const BEAT_MS = 1000;
const CLAIM_GRACE_MS = 15_000;

export class Ownership implements Extension {
  readonly extensionName = "margin-ownership";
  /** Runs before persistence: a document is loaded only where its article is owned. */
  readonly priority = 1000;
  readonly instanceId: string;
  private instance: Hocuspocus | null = null;
  private session: DedicatedSession | null = null;
  private connecting: Promise<DedicatedSession> | null = null;
  private closed = false;
  /** The articles owned here, with the epoch each was taken under. */
  private readonly owned = new Map<string, bigint>();
  /** Per article, live work under way here (an API write, a forwarded operation): not let go meanwhile. */
  private readonly uses = new Map<string, number>();
  /**
   * Per article, when it was last claimed here: a socket routed here loads its documents only once it has
   * authenticated, and the article must not be let go in between (another instance would take it and the
   * socket's first update would be fenced).
   */
  private readonly claimedAt = new Map<string, number>();
  private readonly claims = new Map<string, Promise<Route>>();
  private sweeper: ReturnType<typeof setInterval> | null = null;
  private beater: ReturnType<typeof setInterval> | null = null;
  private readonly staleMs: number;
  /** Where peers reach this instance (its HTTP origin, e.g. http://10.0.0.5:3000); set by start(). */
  private origin: string | null = null;

  constructor(private readonly options: OwnershipOptions) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.staleMs = options.staleMs ?? Number(process.env.MARGIN_OWNER_STALE_MS ?? 10_000);
  }

  async onConfigure({ instance }: { instance: Hocuspocus }): Promise<void> {
    this.instance = instance;
  }

  /** Opens the ownership session, reachable by peers at `address`, and starts letting idle articles go. */
  async start(address: string): Promise<void> {
    this.origin = address;
    await this.connect();
    this.sweeper = setInterval(() => void this.sweep(), this.options.sweepMs ?? 5000);
    this.sweeper.unref();
    // A failed beat needs nothing here: a lost session is reported by the session itself.
    this.beater = setInterval(() => void (this.session && beat(this.session, this.instanceId).catch(() => {})), BEAT_MS);
    this.beater.unref();
  }

  get address(): string | null {
    return this.origin;
  }

  /** How many articles this instance owns now (the health check reports it). */
  get ownedCount(): number {
    return this.owned.size;
  }

  /** The database process of the ownership session (pg_terminate_backend ends it: tests, an operator). */
  get sessionPid(): number | null {
    return this.session?.pid ?? null;
  }

  owns(articleId: string): boolean {
    return this.owned.has(articleId);
  }

  /** The fencing token of an owned article's writes; FencedError when this instance does not own it. */
  epochOf(articleId: string): bigint {
    const epoch = this.owned.get(articleId);
    if (epoch === undefined) throw new FencedError(articleId);
    return epoch;
  }

  /**
   * Where an article's live work runs: here when this instance owns it or can take it now, else at the
   * owner's address. Claims of one article at the same time share one answer.
   */
  claim(articleId: string): Promise<Route> {
    this.claimedAt.set(articleId, Date.now());
    const epoch = this.owned.get(articleId);
    if (epoch !== undefined) return Promise.resolve({ local: true, epoch });
    let claim = this.claims.get(articleId);
    if (!claim) {
      claim = this.take(articleId).finally(() => this.claims.delete(articleId));
      this.claims.set(articleId, claim);
    }
    return claim;
  }

  /** Runs `work` with the article claimed here and kept until it finishes; its route, if it is elsewhere. */
  async withArticle<T>(
    articleId: string,
    work: (epoch: bigint) => Promise<T>,
  ): Promise<{ ran: true; value: T } | { ran: false; address: string }> {
    this.uses.set(articleId, (this.uses.get(articleId) ?? 0) + 1);
    try {
      const route = await this.claim(articleId);
      if (!route.local) return { ran: false, address: route.address };
      return { ran: true, value: await work(route.epoch) };
    } finally {
      const left = (this.uses.get(articleId) ?? 1) - 1;
      if (left) this.uses.set(articleId, left);
      else this.uses.delete(articleId);
    }
  }

  /** A document is loaded only where its article is owned: a peer's article is refused (its socket was misrouted). */
  async onLoadDocument({ documentName, socketId }: onLoadDocumentPayload): Promise<void> {
    const parsed = parseDocumentName(documentName);
    if (!parsed) return;
    let route: Route;
    try {
      route = await this.claim(parsed.articleId);
    } catch (error) {
      this.options.onMisrouted(socketId);
      throw error;
    }
    if (!route.local) {
      this.options.onMisrouted(socketId);
      throw new Error(`article ${parsed.articleId} is owned by ${route.address}`);
    }
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    const parsed = parseDocumentName(documentName);
    if (parsed) setTimeout(() => void this.sweep([parsed.articleId]), 0).unref();
  }

  /** Lets go of every article (after the collaboration server stored them): peers may take them at once. */
  async finish(): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    if (this.beater) clearInterval(this.beater);
    this.owned.clear();
    if (this.session) await unregisterInstance(this.session, this.instanceId).catch(() => {});
    // Ending the session releases every lock it held, in one step.
    await this.session?.close();
    this.session = null;
  }

  private async take(articleId: string): Promise<Route> {
    const address = this.origin;
    if (!address) throw new AppError("unavailable", "This server is not serving live documents yet");
    const session = await this.connect();
    // A lost article's documents may still be unloading here: they must not be served as its state.
    if (this.loadedHere(articleId)) throw new AppError("unavailable", "The article is moving between servers; try again in a moment");
    for (let attempt = 0; attempt < 20; attempt++) {
      const epoch = await takeArticle(session, articleId, { instanceId: this.instanceId, address });
      if (epoch !== null) {
        if (this.session !== session) throw new AppError("unavailable", "This server lost its database session; try again");
        this.owned.set(articleId, epoch);
        return { local: true, epoch };
      }
      const owner = await readOwner(articleId, this.staleMs);
      // A row naming an instance whose session is gone (just killed) is about to be rewritten by the one that
      // holds the lock now: ask again in a moment rather than send the work to the dead.
      if (owner && owner.instanceId !== this.instanceId && owner.alive) {
        if (!owner.stale) return { local: false, address: owner.address };
        // Alive to the database but silent: end its session, and take the article once its locks are gone.
        if (await endStaleInstance(owner.instanceId, this.staleMs))
          console.warn(
            `[collab] instance ${owner.instanceId} stopped beating; its database session was ended to take article ${articleId}`,
          );
      }
      // Held by a live instance that has not written its row yet, by this one in a session it lost, or by
      // one whose session is ending.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new AppError("unavailable", "The article's server could not be found; try again");
  }

  /** Whether any document of the article is loaded here, or being loaded. */
  private loadedHere(articleId: string): boolean {
    const names = [...(this.instance?.documents.keys() ?? []), ...(this.instance?.loadingDocuments.keys() ?? [])];
    return names.some((name) => parseDocumentName(name)?.articleId === articleId);
  }

  /** Lets go of owned articles that nothing here uses: no loaded document, no live work under way. */
  private async sweep(articleIds: Iterable<string> = [...this.owned.keys()]): Promise<void> {
    const session = this.session;
    if (!session) return;
    const grace = this.options.claimGraceMs ?? CLAIM_GRACE_MS;
    // Claims of articles owned elsewhere are forgotten once past their grace: the map stays as small as the
    // articles in use here.
    for (const [articleId, at] of this.claimedAt)
      if (!this.owned.has(articleId) && Date.now() - at >= grace) this.claimedAt.delete(articleId);
    for (const articleId of articleIds) {
      if (!this.owned.has(articleId) || this.uses.has(articleId) || this.claims.has(articleId) || this.loadedHere(articleId)) continue;
      // Longer than a socket may take to authenticate (lib/collab/collaboration.ts closes it after 10 s).
      if (Date.now() - (this.claimedAt.get(articleId) ?? 0) < grace) continue;
      this.claimedAt.delete(articleId);
      this.owned.delete(articleId);
      await releaseArticle(session, articleId).catch(() => {});
    }
  }

  private connect(): Promise<DedicatedSession> {
    if (this.session) return Promise.resolve(this.session);
    if (this.closed) return Promise.reject(new AppError("unavailable", "This server is shutting down"));
    this.connecting ??= openOwnershipSession(this.instanceId, {
      onNotification: (channel, payload) => {
        if (channel !== ACCESS_CHANNEL) return;
        const change = parseAccessChange(payload);
        if (change) announceAccessChange(change);
      },
      onLost: (error) => this.lost(error),
    })
      .then(async (session) => {
        try {
          await registerInstance(session, this.instanceId, this.origin ?? "");
        } catch (error) {
          await session.close();
          throw error;
        }
        this.session = session;
        return session;
      })
      .finally(() => (this.connecting = null));
    return this.connecting;
  }

  /** The session ended: every lock is gone, and with it every article; the next claim opens a new session. */
  private lost(error: Error): void {
    this.session = null;
    const articles = [...this.owned.keys()];
    this.owned.clear();
    if (this.closed) return;
    console.error(`[collab] ownership session lost (${error.message}); dropping ${articles.length} article(s)`);
    this.options.onLost(articles);
  }
}
