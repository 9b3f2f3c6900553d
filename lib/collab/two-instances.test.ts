/**
 * Two collaboration servers on one PostgreSQL, as a second instance or a rolling restart has them, each with
 * the same article loaded and a client typing on each: a store by one deletes none of the other's appended
 * updates, and never writes its copy over what the other stored. (Live updates between instances are not
 * relayed yet; what is acknowledged is what must survive.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { articleSchema } from "@/lib/editor/extensions";
import { prisma } from "@/lib/db/prisma";
import { connectClient, eventually, startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import { editContent, projectContent } from "@/lib/tags/documents";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the county clerk.";
let token: string;
let slug: string;

beforeAll(async () => {
  const editor = await createUser({ name: "Editor" });
  token = (await createApiToken(editor.id, "two")).token;
  ({ slug } = await createProjectWith({ editor: [editor] }));
});

/** Types `words` at the start of the article through `client`, and waits until it is acknowledged. */
async function type(client: Awaited<ReturnType<typeof connectClient>>, words: string) {
  editContent(client.content.document, (tr) => tr.insert(1, articleSchema.text(words)));
  await eventually(() => !client.content.hasUnsyncedChanges, 5000, `"${words}" acknowledged`);
}

describe("two instances on one database", () => {
  let servers: Awaited<ReturnType<typeof startCollabServer>>[] = [];
  afterAll(async () => {
    for (const server of servers) await server.close().catch(() => {});
  });

  it("keep every acknowledged word when each stores the article it holds, in either order", async () => {
    const articleId = (await createArticle(slug, { title: "Count", text: TEXT })).id;
    // Long debounces: the stores happen when the test says.
    const a = await startCollabServer({ debounce: 60_000, maxDebounce: 120_000 });
    const b = await startCollabServer({ debounce: 60_000, maxDebounce: 120_000 });
    servers = [a, b];
    // Both have the article loaded before either client types.
    const onA = await connectClient(a.url, articleId, token);
    const onB = await connectClient(b.url, articleId, token);
    try {
      await type(onB, "Bravo ");
      await type(onA, "Alpha ");
      // A stores: its snapshot lacks B's words, whose update (appended before A's) must stay.
      await a.collaboration.persistence.store(articleId);
      expect(await prisma.articleDocumentUpdate.count({ where: { articleId, name: "content" } })).toBeGreaterThan(0);
      // B stores next: its copy lacks A's words, but is merged into what A stored, not written over it.
      await b.collaboration.persistence.store(articleId);
      // A third instance, after both (B as if killed: nothing more from it), reads both words.
      const c = await startCollabServer();
      servers.push(c);
      const reader = await connectClient(c.url, articleId, token);
      try {
        const text = projectContent(reader.content.document).text;
        expect(text).toContain("Alpha ");
        expect(text).toContain("Bravo ");
        expect(text.endsWith(TEXT)).toBe(true);
      } finally {
        reader.destroy();
      }
    } finally {
      onA.destroy();
      onB.destroy();
    }
  });
});
