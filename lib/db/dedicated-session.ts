/**
 * A long-lived database session of its own, for what lives as long as a session does: the session advisory
 * locks by which an instance owns articles, and LISTEN for notices from other instances
 * (lib/collab/ownership.ts). A pooled connection cannot hold either: the pool hands it to whoever asks next.
 * Only data modules use it, like the Prisma client; they pass it the SQL.
 */
import "server-only";
import pg from "pg";
import type { Prisma } from "./generated/client";

export type DedicatedSession = {
  /** The rows of a query built with Prisma.sql. Queries run one at a time, in the order asked. */
  query<T>(sql: Prisma.Sql): Promise<T[]>;
  /** The server's process id for this session (what pg_terminate_backend takes). */
  readonly pid: number;
  close(): Promise<void>;
};

export type SessionEvents = {
  /** A NOTIFY on a channel this session listens to. */
  onNotification?: (channel: string, payload: string) => void;
  /**
   * The session ended without close() (terminated by an administrator, the database restarted, the network
   * broke): every lock it held is gone. Called once.
   */
  onLost: (error: Error) => void;
};

export async function openDedicatedSession(name: string, events: SessionEvents): Promise<DedicatedSession> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const client = new pg.Client({ connectionString: url, application_name: name, keepAlive: true });
  let closing = false;
  let lost = false;
  const lose = (error: Error) => {
    if (closing || lost) return;
    lost = true;
    events.onLost(error);
  };
  client.on("error", lose);
  client.on("end", () => lose(new Error("the database session ended")));
  client.on("notification", (message) => events.onNotification?.(message.channel, message.payload ?? ""));
  await client.connect();
  const [{ pid }] = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows as [{ pid: number }];
  // One query at a time, in order (a heartbeat, a take-over and a release may be asked at once): pg's own
  // queue for a busy client is deprecated.
  let last: Promise<unknown> = Promise.resolve();
  return {
    pid,
    query: <T>(sql: Prisma.Sql) => {
      const next = last.catch(() => {}).then(async () => (await client.query(sql.text, sql.values)).rows as T[]);
      last = next;
      return next;
    },
    close: async () => {
      closing = true;
      await client.end().catch(() => {});
    },
  };
}
