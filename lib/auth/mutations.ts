/** What the gates write: when an API token was last used. */
import "server-only";
import { prisma } from "@/lib/db/prisma";

/** Records use at most once a minute, so that a busy script does not write on every request. */
export async function touchApiToken(tokenId: string, lastUsedAt: Date | null): Promise<void> {
  if (lastUsedAt && Date.now() - lastUsedAt.getTime() < 60_000) return;
  await prisma.apiToken.update({ where: { id: tokenId }, data: { lastUsedAt: new Date() } });
}
