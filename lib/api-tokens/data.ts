import "server-only";
import type { Actor } from "@/lib/auth/context";
import { prisma } from "@/lib/db/prisma";

/** Tokens are only ever listed to their owner; the secret itself is not stored. */
export function listApiTokens(actor: Actor) {
  return prisma.apiToken.findMany({
    where: { userId: actor.userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}
