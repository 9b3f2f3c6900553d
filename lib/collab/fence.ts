/**
 * The fencing token of an article's writes (lib/collab/ownership.ts): each write of an article's updates,
 * snapshots and projection carries the epoch under which this instance took the article, and PostgreSQL
 * refuses it once another instance has taken over (margin_assert_owner, in the cluster_ownership
 * migration). A former owner that was frozen, partitioned or paused past its session can never write again.
 */
export class FencedError extends Error {
  constructor(readonly articleId: string) {
    super(`article ${articleId} is owned by another instance now; this instance's write was refused`);
    this.name = "FencedError";
  }
}

import { AppError } from "@/lib/errors";

/** Whether an error is the database's refusal of a fenced write (or our own FencedError). */
export function isFenced(error: unknown): boolean {
  if (error instanceof FencedError) return true;
  // Prisma wraps the driver's error; its message keeps PostgreSQL's.
  return error instanceof Error && /is no longer owned under epoch/.test(error.message);
}

/**
 * Whether an error means the article's live work cannot go on here (it moved, this instance lost its
 * database session, the database ended a connection under it, as when another instance takes over): what
 * was asked must be asked again where the article is now, not refused.
 */
export function isMoving(error: unknown): boolean {
  if (isFenced(error) || (error instanceof AppError && error.code === "unavailable")) return true;
  const message = error instanceof Error ? error.message : "";
  // PostgreSQL ending the connection (57P01), pg's words for a connection that broke under a query or before
  // one, and Prisma's pool finding no working connection in time (P2028) while it recovers from that.
  return /terminating connection|Connection terminated|server closed the connection|not queryable|57P01|Unable to start a transaction in the given time/i.test(
    message,
  );
}
