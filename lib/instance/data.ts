import "server-only";
import { prisma } from "@/lib/db/prisma";
import type { Tx } from "@/lib/db/errors";

/** Instance-wide settings; the row is created on first write, so a fresh database reads the defaults. */
export async function getInstanceSettings(tx: Tx = prisma): Promise<{ signupOpen: boolean }> {
  const row = await tx.instanceSettings.findUnique({ where: { id: 1 }, select: { signupOpen: true } });
  return { signupOpen: row?.signupOpen ?? false };
}
