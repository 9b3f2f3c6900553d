import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/context";
import { API_TOKEN_PREFIX, displayPrefix, generateSecret, hashSecret } from "@/lib/auth/secrets";
import { prisma } from "@/lib/db/prisma";
import { fail, ok, type Result } from "@/lib/errors";
import { notifyAccessChange } from "@/lib/collab/mutations";

export const tokenNameSchema = z.object({
  name: z
    .string({ error: "Name is required" })
    .trim()
    .min(1, { error: "Name is required" })
    .max(100, { error: "Name must be at most 100 characters" }),
});

/** Creates a token and returns its secret: the only time it is ever visible. */
export async function createApiToken(userId: string, name: string): Promise<{ id: string; token: string }> {
  const token = generateSecret(API_TOKEN_PREFIX);
  const created = await prisma.apiToken.create({
    data: { userId, name, tokenHash: hashSecret(token), prefix: displayPrefix(token) },
    select: { id: true },
  });
  return { id: created.id, token };
}

export async function revokeApiToken(actor: Actor, tokenId: string): Promise<Result<null, "not_found">> {
  // Scoped to the owner: someone else's token id behaves as if it did not exist.
  const count = await prisma.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, userId: actor.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    // Live connections made with a token reconnect, on every instance, and one made with this token is refused.
    if (count) await notifyAccessChange({ userId: actor.userId, via: "token" }, tx);
    return count;
  });
  return count ? ok(null) : fail("not_found", "No such active token");
}

/**
 * Revokes a token by id, whoever owns it: for the operator's CLI, which mints a token to act for a member
 * through the running server (`margin suggestions --accept-above`) and ends it when done.
 */
export async function unsafeRevokeApiToken(tokenId: string): Promise<void> {
  await prisma.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date() } });
}
