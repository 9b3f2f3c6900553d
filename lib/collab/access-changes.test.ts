import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/mutations";
import { authorizeProject } from "@/lib/auth/project-access";
import { prisma } from "@/lib/db/prisma";
import { articleSchema } from "@/lib/editor/extensions";
import { changeMemberRole, removeMember } from "@/lib/members/mutations";
import { actorFor, signedInBrowser } from "@/lib/testing/actors";
import { signOutSession } from "@/lib/users/mutations";
import { connectClient, eventually, startCollabServer, type TestClient } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import { documentName } from "./names";
import { editContent, projectContent } from "@/lib/tags/documents";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the county clerk.";
let articles = 0;

let server: Awaited<ReturnType<typeof startCollabServer>>;
let owner: { id: string; email: string };
let slug: string;

beforeAll(async () => {
  server = await startCollabServer();
  owner = await createUser({ name: "Owner" });
  ({ slug } = await createProjectWith({ owner: [owner] }));
});

afterAll(async () => {
  await server.close();
});

/** A new editor of the project, on a new article, connected with an API token. */
async function connectedEditor() {
  const user = await createUser({ name: "Editor" });
  const { id: tokenId, token } = await createApiToken(user.id, "live");
  const access = await managerAccess();
  await prisma.membership.create({ data: { projectId: access.projectId, userId: user.id, role: "editor" } });
  // A project refuses the same text twice.
  const articleId = (await createArticle(slug, { title: "Count", text: `${TEXT} (${++articles})` })).id;
  const client = await connectClient(server.url, articleId, token);
  const membership = await prisma.membership.findFirstOrThrow({
    where: { projectId: access.projectId, userId: user.id },
    select: { id: true },
  });
  return { user, tokenId, articleId, client, membershipId: membership.id };
}

async function managerAccess() {
  const access = await authorizeProject(await actorFor(owner), slug, "members:manage");
  if (!access.ok) throw new Error(access.message);
  return access.value;
}

const serverText = (articleId: string) =>
  projectContent(server.collaboration.hocuspocus.documents.get(documentName(articleId, "content"))!).text;
const type = (client: TestClient, words: string) => editContent(client.content.document, (tr) => tr.insert(1, articleSchema.text(words)));
const refused = (client: TestClient) => new Promise<void>((resolve) => client.content.on("authenticationFailed", () => resolve()));

describe("live connections follow access changes", () => {
  it("a member demoted to viewer reconnects read-only: their text edits stop reaching the article", async () => {
    const { articleId, client, membershipId } = await connectedEditor();
    try {
      type(client, "Before ");
      await eventually(() => serverText(articleId).startsWith("Before "), 3000, "the editor's edit on the server");
      const closed = new Promise<void>((resolve) => client.socket.on("disconnect", () => resolve()));
      expect((await changeMemberRole(await managerAccess(), membershipId, "viewer")).ok).toBe(true);
      await closed;
      await eventually(() => client.content.isSynced, 3000, "the client synced again");
      type(client, "After ");
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(serverText(articleId)).toBe(`Before ${TEXT} (1)`);
    } finally {
      client.destroy();
    }
  });

  it("a member removed from the project is disconnected and cannot reconnect", async () => {
    const { articleId, client, membershipId, user } = await connectedEditor();
    try {
      const failed = refused(client);
      expect((await removeMember(await managerAccess(), membershipId)).ok).toBe(true);
      await failed;
      type(client, "Removed ");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(serverText(articleId)).toBe(`${TEXT} (2)`);
      const theirs = [...server.collaboration.hocuspocus.documents.values()]
        .flatMap((document) => document.getConnections())
        .filter((connection) => (connection.context as { actor?: { userId: string } }).actor?.userId === user.id);
      expect(theirs).toEqual([]);
    } finally {
      client.destroy();
    }
  });

  it("a revoked API token's connection is closed and refused, and others' stay", async () => {
    const { tokenId, client, user, articleId } = await connectedEditor();
    const colleague = await connectClient(server.url, articleId, (await createApiToken(owner.id, "colleague")).token);
    try {
      const failed = refused(client);
      const colleagueClosed = { value: false };
      colleague.socket.on("disconnect", () => (colleagueClosed.value = true));
      expect((await revokeApiToken(await actorFor(user), tokenId)).ok).toBe(true);
      await failed;
      type(colleague, "Still here ");
      await eventually(() => serverText(articleId).startsWith("Still here "), 3000, "the colleague's edit on the server");
      expect(colleagueClosed.value).toBe(false);
    } finally {
      client.destroy();
      colleague.destroy();
    }
  });

  it("a browser that signs out is disconnected, and its old cookie opens nothing", async () => {
    const user = await createUser({ name: "Signing out" });
    const access = await managerAccess();
    await prisma.membership.create({ data: { projectId: access.projectId, userId: user.id, role: "editor" } });
    const articleId = (await createArticle(slug, { title: "Count", text: `${TEXT} (${++articles})` })).id;
    const browser = await signedInBrowser(user);
    const client = await connectClient(server.url, articleId, "", { cookie: browser.cookie });
    try {
      type(client, "Signed in ");
      await eventually(() => serverText(articleId).startsWith("Signed in "), 3000, "the edit on the server");
      const failed = refused(client);
      await signOutSession({ userId: user.id, sessionId: browser.sessionId });
      await failed;
      await expect(connectClient(server.url, articleId, "", { cookie: browser.cookie })).rejects.toThrow(/authentication failed/);
    } finally {
      client.destroy();
    }
  });
});
