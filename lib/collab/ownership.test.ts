/**
 * The ownership of articles on one instance's own terms (lib/collab/ownership.ts): when it takes an article,
 * and when it lets it go again. Two instances: lib/tags/live/cluster.test.ts and server/cluster*.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { eventually, startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";

let server: Awaited<ReturnType<typeof startCollabServer>>;
let slug: string;

beforeAll(async () => {
  ({ slug } = await createProjectWith({ owner: [await createUser()] }));
  // Idle articles are looked at every 50 ms, and a claim keeps one for 400 ms.
  server = await startCollabServer({ releaseIdleMs: 50, claimGraceMs: 400 });
});

afterAll(async () => {
  await server.close();
});

/** Whether PostgreSQL holds the article's lock for any session (what another instance would find). */
async function locked(articleId: string): Promise<boolean> {
  const [row] = await prisma.$queryRaw<{ held: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
      AND ((classid::bigint << 32) | objid::bigint) = (hashtextextended(${`margin:article:${articleId}`}, 0) & x'ffffffffffffffff'::bigint)) AS held`;
  return row!.held;
}

describe("ownership of an article", () => {
  it("keeps a claimed article while a socket may still be authenticating, then lets it go once nothing uses it", async () => {
    const { id } = await createArticle(slug, { title: "Claimed", text: "A claim is kept a moment." });
    // What the upgrade of a socket naming the article does, before the socket has loaded anything.
    const route = await server.ownership.claim(id);
    expect(route.local).toBe(true);
    const owner = await prisma.articleOwner.findUniqueOrThrow({ where: { articleId: id } });
    expect(owner.instanceId).toBe(server.ownership.instanceId);
    // Several sweeps later, within the grace, it is still this instance's.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.ownership.owns(id)).toBe(true);
    expect(await locked(id)).toBe(true);
    // After it, unused, it is let go: another instance may take it.
    await eventually(() => !server.ownership.owns(id), 3000, "the article to be let go");
    await eventually(async () => !(await locked(id)), 3000, "its lock to be released");
    // Taken again, under a new epoch.
    await server.ownership.claim(id);
    expect((await prisma.articleOwner.findUniqueOrThrow({ where: { articleId: id } })).epoch).toBeGreaterThan(owner.epoch);
  });
});
