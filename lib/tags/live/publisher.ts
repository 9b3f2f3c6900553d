/**
 * Publishing tag changes. The server is the only writer of an article's tags document, and clients cannot
 * send back what a crash lost from a read-only document: so each change is made on a shadow copy, appended
 * to PostgreSQL with its journal (history, decisions, comments) in one transaction, and only then applied
 * to the live document that colleagues see. Writes of one article run one at a time, so an operation's
 * checks see every earlier operation's result (two reviewers deciding one tag at once: the second sees
 * the first's decision). Transport-free: the collaboration server and the convergence simulation run it.
 */
import * as Y from "yjs";
import { DELETED_FIELD, TAGS_FIELD } from "@/lib/tags/documents";
import type { Journal } from "@/lib/tags/journal";
import { KeyedQueue } from "./keyed-queue";

/** Stores a change of an article's tags document (null: only journal rows) with its journal, atomically. */
export type AppendTags = (articleId: string, update: Uint8Array | null, journal: Journal) => Promise<void>;

export type PublisherOptions = {
  append: AppendTags;
  /** The origin the live document's published changes carry (persistence must not append them again). */
  origin: unknown;
  /** Called after a change is applied to an article's live tags document, with the ids it changed (blind views follow it). */
  onPublished?: (articleId: string, live: Y.Doc, changed: ReadonlySet<string>) => void;
};

export class TagPublisher {
  /** Per live tags document, the shadow copy changes are written on (same state, its own client id). */
  private readonly shadows = new WeakMap<Y.Doc, Y.Doc>();
  /** Tag writes of one article, one at a time, so that they reach PostgreSQL in the order they were made. */
  private readonly writes = new KeyedQueue();

  constructor(private readonly options: PublisherOptions) {}

  /**
   * Runs `write` on the shadow of an article's live tags document, appends what it changed and what it
   * recorded in its journal, then applies the change to the live document: a colleague never sees a tag
   * the database does not hold. A write that throws, or whose append fails, changes nothing anyone sees.
   */
  publish<T>(articleId: string, live: Y.Doc, write: (tags: Y.Doc, journal: Journal) => T | Promise<T>): Promise<T> {
    return this.writes.run(articleId, () => this.publishNow(articleId, live, write));
  }

  /** Builds the shadow of an article's live tags document now, unless a write is under way (it has one). */
  prepare(articleId: string, live: Y.Doc): void {
    if (!this.writes.busy(articleId)) this.shadowOf(live);
  }

  /** Resolves once every write asked for so far has finished. */
  idle(): Promise<void> {
    return this.writes.idle();
  }

  private async publishNow<T>(articleId: string, live: Y.Doc, write: (tags: Y.Doc, journal: Journal) => T | Promise<T>): Promise<T> {
    const shadow = this.shadowOf(live);
    const changes: Uint8Array[] = [];
    const journal: Journal = [];
    const collect = (update: Uint8Array) => changes.push(update);
    shadow.on("update", collect);
    let result: T;
    try {
      result = await write(shadow, journal);
    } catch (error) {
      // The shadow holds a change nobody will see: start again from the live document next time.
      if (changes.length) this.shadows.delete(live);
      throw error;
    } finally {
      shadow.off("update", collect);
    }
    if (!changes.length && !journal.length) return result;
    const change = changes.length ? Y.mergeUpdates(changes) : null;
    try {
      await this.options.append(articleId, change, journal);
    } catch (error) {
      // Not stored, so not published: the shadow must forget it too.
      this.shadows.delete(live);
      throw error;
    }
    if (change) {
      // The ids the change touched, as the live document's maps report them while it applies.
      const changed = new Set<string>();
      const note = (event: Y.YMapEvent<unknown>) => event.keysChanged.forEach((id) => changed.add(id));
      const maps = [live.getMap(TAGS_FIELD), live.getMap(DELETED_FIELD)];
      maps.forEach((map) => map.observe(note));
      try {
        Y.applyUpdate(live, change, this.options.origin);
      } finally {
        maps.forEach((map) => map.unobserve(note));
      }
      this.options.onPublished?.(articleId, live, changed);
    }
    return result;
  }

  private shadowOf(live: Y.Doc): Y.Doc {
    let shadow = this.shadows.get(live);
    if (!shadow) {
      // The shadow writes as a client of its own: sharing the live document's id would make Yjs, seeing
      // "its own" changes arrive from elsewhere, give the live document a new one (and log about it).
      shadow = new Y.Doc({ gc: live.gc });
      Y.applyUpdate(shadow, Y.encodeStateAsUpdate(live));
      this.shadows.set(live, shadow);
    }
    return shadow;
  }
}
