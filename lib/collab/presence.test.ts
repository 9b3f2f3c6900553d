/**
 * Presence (lib/collab/presence.ts) against the real collaboration server and real WebSocket clients: what
 * a client claims in its awareness state is replaced by who it authenticated as, and a blind annotator is
 * sent nobody's presence but their own. Every wait is for a message from the server: a client learns that
 * the server has sent it everything up to now when its own state comes back (the server relays a state to
 * every connection of the document, its sender's included).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Awareness } from "y-protocols/awareness";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { authorizeArticle } from "@/lib/auth/project-access";
import { prisma } from "@/lib/db/prisma";
import { setWorkDone } from "@/lib/review/mutations";
import { actorFor } from "@/lib/testing/actors";
import { connectClient, startCollabServer, type TestClient } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import { readAwarenessMessage, writeAwarenessMessage } from "./awareness-messages";
import type { PresenceState } from "./presence";

const TEXT = "The council met on Tuesday.\n\nIt voted 7 to 2 to close the library.";

type Person = { id: string; email: string; name: string; token: string };
let server: Awaited<ReturnType<typeof startCollabServer>>;
const clients: TestClient[] = [];
const people = {} as Record<"owner" | "alice" | "bob", Person>;
const names = { owner: "Olga Owner", alice: "Alice Ames", bob: "Bob Brown" };

beforeAll(async () => {
  server = await startCollabServer();
  for (const who of ["owner", "alice", "bob"] as const) {
    const user = await createUser({ name: names[who] });
    people[who] = { ...user, name: names[who], token: (await createApiToken(user.id, "presence")).token };
  }
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

async function newArticle(blind: boolean): Promise<string> {
  const { slug, projectId } = await createProjectWith({ owner: [people.owner], editor: [people.alice, people.bob] });
  await prisma.project.update({ where: { id: projectId }, data: { blindAnnotation: blind } });
  return (await createArticle(slug, { title: "Council", text: TEXT })).id;
}

type Entry = { clientId: number; clock: number; state: Record<string, unknown> | null };

/** A client connected to an article, recording every awareness entry the server sends its content document. */
async function connect(who: Person, articleId: string, options: { blind?: boolean } = {}) {
  const client = await connectClient(server.url, articleId, who.token, {
    waitForSync: false,
    tagsViewOf: options.blind ? who.id : undefined,
  });
  clients.push(client);
  const heard: Entry[] = [];
  const waiting = new Set<() => void>();
  client.content.on("message", ({ event }: { event: MessageEvent }) => {
    const read = readAwarenessMessage(new Uint8Array(event.data as ArrayBuffer));
    if (!read) return;
    heard.push(...read.entries.map(({ clientId, clock, state }) => ({ clientId, clock, state: JSON.parse(state) as Entry["state"] })));
    for (const check of waiting) check();
  });
  await client.synced();
  const awareness = client.content.awareness!;
  return {
    ...client,
    awareness,
    heard,
    /** Publishes this state, as the editor's presence does, and waits until the server has sent it back. */
    async publish(state: Record<string, unknown>): Promise<void> {
      awareness.setLocalState(state);
      const clock = awareness.meta.get(awareness.clientID)!.clock;
      await new Promise<void>((resolve) => {
        const check = () => {
          if (!heard.some((entry) => entry.clientId === awareness.clientID && entry.clock >= clock)) return;
          waiting.delete(check);
          resolve();
        };
        waiting.add(check);
        check();
      });
    },
  };
}

/** Resolves with the state this awareness holds for a client id once it holds one that `matches`. */
function stateOf(awareness: Awareness, clientId: number, matches: (state: PresenceState) => boolean = () => true): Promise<PresenceState> {
  return new Promise((resolve) => {
    const check = () => {
      const state = awareness.getStates().get(clientId) as PresenceState | undefined;
      if (!state || !matches(state)) return;
      awareness.off("update", check);
      resolve(state);
    };
    awareness.on("update", check);
    check();
  });
}

const user = (who: Person, color: string) => ({ id: who.id, name: who.name, color });

describe("presence", () => {
  it("shows each connection under the name the server knows, whatever its client claims", async () => {
    const articleId = await newArticle(false);
    const [owner, bob, alice] = await Promise.all([
      connect(people.owner, articleId),
      connect(people.bob, articleId),
      connect(people.alice, articleId),
    ]);
    await bob.publish({ user: user(people.bob, "#1d4ed8"), cursor: null });
    await stateOf(owner.awareness, bob.awareness.clientID, (state) => "cursor" in state);

    // Alice claims to be Bob, with a colour that would add a style of its own, and a field nobody publishes.
    await alice.publish({ user: user(people.bob, "red; background-image: url(https://evil.example/)"), role: "owner", cursor: null });
    for (const seen of [owner, bob]) {
      expect(await stateOf(seen.awareness, alice.awareness.clientID, (state) => "cursor" in state)).toEqual({
        user: { id: people.alice.id, name: "Alice Ames", color: "#57534e" },
        cursor: null,
      });
    }

    // Alice's modified client writes Bob's client id, and a second id of her own, beside her own state.
    const aliceClock = alice.awareness.meta.get(alice.awareness.clientID)!.clock;
    alice.socket.send(
      writeAwarenessMessage(alice.content.effectiveName, [
        { clientId: bob.awareness.clientID, clock: 1000, state: JSON.stringify({ user: user(people.bob, "#000000"), cursor: null }) },
        { clientId: alice.awareness.clientID, clock: aliceClock + 1, state: JSON.stringify({ user: user(people.alice, "#047857") }) },
        { clientId: 4242, clock: 1, state: JSON.stringify({ user: user(people.bob, "#000000") }) },
      ]),
    );
    // Her own state arrives; what came with it about the others did not.
    await stateOf(owner.awareness, alice.awareness.clientID, (state) => state.user.color === "#047857");
    expect(owner.awareness.getStates().get(bob.awareness.clientID)).toEqual({ user: user(people.bob, "#1d4ed8"), cursor: null });
    expect(owner.awareness.getStates().has(4242)).toBe(false);
    expect(
      owner.heard.some((entry) => entry.clientId === 4242 || (entry.clientId === bob.awareness.clientID && entry.clock === 1000)),
    ).toBe(false);
  });

  it("sends a blind annotator nobody's presence but their own, while owners see everyone", async () => {
    const articleId = await newArticle(true);
    const alice = await connect(people.alice, articleId, { blind: true });
    await alice.publish({ user: user(people.alice, "#b91c1c"), cursor: null });
    const owner = await connect(people.owner, articleId);
    await stateOf(owner.awareness, alice.awareness.clientID);

    // Bob joins after Alice (the states sent on joining) and publishes while she is there (the broadcasts).
    const bob = await connect(people.bob, articleId, { blind: true });
    await bob.publish({ user: user(people.bob, "#1d4ed8"), cursor: null });
    await owner.publish({ user: user(people.owner, "#047857"), cursor: null });
    await alice.publish({ user: user(people.alice, "#b91c1c"), cursor: { anchor: null, head: null } });
    await stateOf(owner.awareness, alice.awareness.clientID, (state) => state.cursor !== null);
    // Each has been sent everything up to now once their own state comes back.
    await Promise.all([bob.publish({ user: user(people.bob, "#1d4ed8") }), alice.publish({ user: user(people.alice, "#b91c1c") })]);

    for (const blind of [alice, bob]) {
      expect(new Set(blind.heard.map((entry) => entry.clientId))).toEqual(new Set([blind.awareness.clientID]));
      expect([...blind.awareness.getStates().keys()]).toEqual([blind.awareness.clientID]);
    }
    // The owner sees both annotators, under their names.
    expect((await stateOf(owner.awareness, alice.awareness.clientID)).user).toMatchObject({ id: people.alice.id, name: "Alice Ames" });
    expect((await stateOf(owner.awareness, bob.awareness.clientID)).user).toMatchObject({ id: people.bob.id, name: "Bob Brown" });

    // Once Bob marks his work done, the editor opens the article again, and he sees everyone.
    const access = await authorizeArticle(await actorFor(people.bob), articleId, "annotations:create");
    if (!access.ok) throw new Error(access.message);
    await setWorkDone(access.value, true);
    const done = await connect(people.bob, articleId);
    expect((await stateOf(done.awareness, alice.awareness.clientID)).user).toMatchObject({ id: people.alice.id, name: "Alice Ames" });
    expect((await stateOf(done.awareness, owner.awareness.clientID)).user).toMatchObject({ id: people.owner.id, name: "Olga Owner" });
    // Alice, still blind, is not sent his presence.
    await done.publish({ user: user(people.bob, "#1d4ed8") });
    await stateOf(owner.awareness, done.awareness.clientID);
    await alice.publish({ user: user(people.alice, "#b91c1c") });
    expect(new Set(alice.heard.map((entry) => entry.clientId))).toEqual(new Set([alice.awareness.clientID]));
  });
});
