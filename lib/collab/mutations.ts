/**
 * PostgreSQL side of live documents: every Yjs update appended as it arrives, snapshots that fold them in,
 * and the ownership of articles among a cluster's instances. Every write of an article checks the owner's
 * epoch in the same statement or transaction (lib/collab/fence.ts). Reading the stored state is in data.ts;
 * what is derived from the documents (the tags' projection) is written by lib/tags/mutations.ts.
 */
import "server-only";
import * as Y from "yjs";
import { openDedicatedSession, type DedicatedSession, type SessionEvents } from "@/lib/db/dedicated-session";
import { Prisma, prisma } from "@/lib/db/prisma";
import type { AccessChange } from "./access-changes";
import { FencedError } from "./fence";
import type { DocumentKind } from "./names";

/** Appends a client's or the server's update; refused (FencedError) unless the article is owned under `epoch`. */
export async function appendUpdate(articleId: string, kind: DocumentKind, update: Uint8Array, epoch: bigint): Promise<bigint> {
  // One statement: the check locks the owner row (FOR SHARE) so that a take-over waits for this insert.
  const rows = await prisma.$queryRaw<{ id: bigint }[]>`
    INSERT INTO article_document_updates (article_id, name, data)
    SELECT ${articleId}, ${kind}, ${Buffer.from(update.buffer, update.byteOffset, update.byteLength)}
    WHERE EXISTS (SELECT 1 FROM article_owners WHERE article_id = ${articleId} AND epoch = ${epoch} FOR SHARE)
    RETURNING id`;
  if (!rows[0]) throw new FencedError(articleId);
  return rows[0].id;
}

/** The statement that fails a transaction unless the article is still owned under `epoch`. */
export function assertOwner(articleId: string, epoch: bigint) {
  return prisma.$executeRaw`SELECT margin_assert_owner(${articleId}, ${epoch})`;
}

/** Which appended updates a snapshot holds: every one up to `upTo` (read when loaded), and `ids`. */
export type SnapshotHolds = { upTo: bigint | null; ids: readonly bigint[] };

/**
 * Writes a snapshot and deletes the appended updates it holds. The snapshot is merged into the stored one,
 * under a lock of its row, rather than written over it (Yjs states merge, and merging costs little next to
 * losing what a former owner stored). Only the updates this instance read or appended are deleted.
 */
export async function saveSnapshot(
  articleId: string,
  kind: DocumentKind,
  snapshot: Uint8Array,
  holds: SnapshotHolds,
  epoch: bigint,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT margin_assert_owner(${articleId}, ${epoch})`;
    const [stored] = await tx.$queryRaw<{ state: Uint8Array }[]>`
      SELECT state FROM article_documents WHERE article_id = ${articleId} AND name = ${kind} FOR UPDATE`;
    const state = (stored ? Y.mergeUpdates([stored.state, snapshot]) : snapshot) as Uint8Array<ArrayBuffer>;
    await tx.articleDocument.upsert({
      where: { articleId_name: { articleId, name: kind } },
      create: { articleId, name: kind, state },
      update: { state },
    });
    const held = [
      ...(holds.upTo !== null ? [{ id: { lte: holds.upTo } }] : []),
      ...(holds.ids.length ? [{ id: { in: [...holds.ids] } }] : []),
    ];
    if (held.length) await tx.articleDocumentUpdate.deleteMany({ where: { articleId, name: kind, OR: held } });
  });
}

/**
 * The session advisory lock that says an instance is alive and owns an article. Both ownership keys come
 * from one 64-bit hash of the id; two articles sharing one would only share an owner.
 */
const lockKey = (articleId: string) => Prisma.sql`hashtextextended(${`margin:article:${articleId}`}, 0)`;

/**
 * Takes an article on the owning instance's own session: its advisory lock (held until released or until
 * the session ends: a crashed instance lets go by itself), then the owner row with a new epoch. Null when
 * another live instance holds the lock. The epoch is raised after the lock is held, and the raise waits for
 * the former owner's checked writes (FOR SHARE) to commit, so that what is loaded next holds them.
 */
export async function takeArticle(
  session: DedicatedSession,
  articleId: string,
  owner: { instanceId: string; address: string },
): Promise<bigint | null> {
  const [lock] = await session.query<{ locked: boolean }>(Prisma.sql`SELECT pg_try_advisory_lock(${lockKey(articleId)}) AS locked`);
  if (!lock?.locked) return null;
  try {
    const [row] = await session.query<{ epoch: string }>(Prisma.sql`
      INSERT INTO article_owners (article_id, epoch, instance_id, address) VALUES (${articleId}, 1, ${owner.instanceId}, ${owner.address})
      ON CONFLICT (article_id) DO UPDATE
        SET epoch = article_owners.epoch + 1, instance_id = EXCLUDED.instance_id, address = EXCLUDED.address, taken_at = now()
      RETURNING epoch::text AS epoch`);
    return BigInt(row!.epoch);
  } catch (error) {
    // An article deleted meanwhile (its row cannot be inserted): hold nothing.
    await session.query(Prisma.sql`SELECT pg_advisory_unlock(${lockKey(articleId)})`).catch(() => {});
    throw error;
  }
}

/** Lets an article go: another instance may take it (the owner row stays, so that its epoch keeps growing). */
export async function releaseArticle(session: DedicatedSession, articleId: string): Promise<void> {
  await session.query(Prisma.sql`SELECT pg_advisory_unlock(${lockKey(articleId)})`);
}

/**
 * Records an instance as alive, beating on its ownership session (whose process id peers may end if it
 * stops beating), and forgets instances gone for a day.
 */
export async function registerInstance(session: DedicatedSession, instanceId: string, address: string): Promise<void> {
  await session.query(Prisma.sql`DELETE FROM cluster_instances WHERE heartbeat_at < now() - interval '1 day'`);
  await session.query(Prisma.sql`
    INSERT INTO cluster_instances (instance_id, address, session_pid) VALUES (${instanceId}, ${address}, pg_backend_pid())
    ON CONFLICT (instance_id) DO UPDATE SET address = EXCLUDED.address, session_pid = EXCLUDED.session_pid, heartbeat_at = now()`);
}

export async function beat(session: DedicatedSession, instanceId: string): Promise<void> {
  await session.query(Prisma.sql`UPDATE cluster_instances SET heartbeat_at = now() WHERE instance_id = ${instanceId}`);
}

export async function unregisterInstance(session: DedicatedSession, instanceId: string): Promise<void> {
  await session.query(Prisma.sql`DELETE FROM cluster_instances WHERE instance_id = ${instanceId}`);
}

/**
 * Ends the ownership session of an instance that stopped beating more than `staleMs` ago (by the
 * database's clock), which lets go of every article it held, and its pool's connections (lib/db/prisma.ts
 * poolInstanceId), whose open transactions would hold their locks; true when one was ended. Checked again in
 * the statement, with the session's name, so that a live instance, or a process id reused since, is spared.
 */
export async function endStaleInstance(instanceId: string, staleMs: number): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ ended: boolean }[]>`
    SELECT pg_terminate_backend(a.pid) AS ended
    FROM cluster_instances i JOIN pg_stat_activity a
      ON (a.pid = i.session_pid AND a.application_name = 'margin:' || i.instance_id) OR a.application_name = 'margin-pool:' || i.instance_id
    WHERE i.instance_id = ${instanceId} AND i.heartbeat_at < now() - make_interval(secs => ${staleMs / 1000})`;
  return rows.some((row) => row.ended);
}

/** The channel on which access changes reach every instance (lib/collab/access-changes.ts). */
export const ACCESS_CHANNEL = "margin_access";

/** Opens an instance's ownership session (its locks) and listens there for notices from other instances. */
export async function openOwnershipSession(instanceId: string, events: SessionEvents): Promise<DedicatedSession> {
  const session = await openDedicatedSession(`margin:${instanceId}`, events);
  try {
    await session.query(Prisma.sql`LISTEN margin_access`);
  } catch (error) {
    await session.close();
    throw error;
  }
  return session;
}

/**
 * Announces an access change to every instance, the CLI's changes included: sent by PostgreSQL when the
 * transaction `tx` commits, and not at all when it rolls back.
 */
export async function notifyAccessChange(change: AccessChange, tx: Prisma.TransactionClient = prisma): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${ACCESS_CHANNEL}, ${JSON.stringify(change)})`;
}
