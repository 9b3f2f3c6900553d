/**
 * The one Prisma client of the process. Only data modules (`lib/<domain>/data.ts`, `mutations.ts`) and the
 * Auth.js adapter import it.
 *
 * It is created on first use, not at import: `next build` imports route modules without a database, and the
 * server process sets DATABASE_URL (perhaps to an embedded server it just started) before serving.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

const holder = globalThis as unknown as { marginPrisma?: PrismaClient; marginPrismaClosed?: boolean; marginPoolName?: string };

/**
 * The name this process's pool connections carry in pg_stat_activity (`margin-pool:<id>`), one per process
 * (kept on globalThis, as the pool is). The server process's instance of a cluster takes the same id, so that
 * a peer taking over from it after it froze ends these connections too: a transaction it froze in the middle
 * of would otherwise keep its locks (on the owner row, on tag rows) and hold the take-over until it woke.
 */
export function poolInstanceId(): string {
  return (holder.marginPoolName ??= randomUUID());
}

function client(): PrismaClient {
  if (holder.marginPrismaClosed) throw new Error("the database connection was closed: the server is shutting down");
  if (!holder.marginPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start Margin with `npm run dev` or `npm start`, which set it");
    // Kept on globalThis so that hot reloads in development reuse one connection pool.
    holder.marginPrisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: url, max: 10, application_name: `margin-pool:${poolInstanceId()}` }),
    });
  }
  return holder.marginPrisma;
}

export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

/**
 * Closes the pool (tests and the CLI end with this so that the process can exit). `final` is for shutdown:
 * a late call must not quietly open a new pool just before the database stops.
 */
export async function disconnectPrisma(options: { final?: boolean } = {}): Promise<void> {
  if (options.final) holder.marginPrismaClosed = true;
  await holder.marginPrisma?.$disconnect();
  holder.marginPrisma = undefined;
}

export type { PrismaClient };
export { Prisma } from "./generated/client";
