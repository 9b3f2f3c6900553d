/**
 * Modified clients against the real collaboration server: members of each role connect over a real
 * WebSocket and send Yjs updates the editor never sends (unknown marks and nodes, oversized attributes,
 * NUL, text changes from those who may not correct text, colleagues' tag marks moved or removed, writes
 * outside the article). After each round, and at the end: the article's text and its colleagues' tags are
 * as they were, what the server holds reads under the schema, an honest editor connected throughout sees
 * exactly the server's document, and PostgreSQL holds the same after a store. MARGIN_HOSTILE_ROUNDS makes it
 * a soak (bench/hostile-soak.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { authorizeArticle } from "@/lib/auth/project-access";
import { prisma } from "@/lib/db/prisma";
import { actorFor } from "@/lib/testing/actors";
import { connectClient, eventually, startCollabServer, type TestClient } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import { random } from "@/lib/testing/random";
import { CONTENT_FIELD } from "./names";
import { contentFragment, contentRoot, projectContent } from "@/lib/tags/documents";

const ROUNDS = Number(process.env.MARGIN_HOSTILE_ROUNDS ?? 36);
const SEED = Number(process.env.MARGIN_HOSTILE_SEED ?? 11);
const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the county clerk.\n\nMore than 200 volunteers waited outside.";

type Role = "editor" | "reviewer" | "viewer";
let server: Awaited<ReturnType<typeof startCollabServer>>;
const tokens = {} as Record<Role | "owner", string>;
let articleId: string;
let tagIds: string[];

beforeAll(async () => {
  server = await startCollabServer();
  const users = {} as Record<Role | "owner", { id: string; email: string }>;
  for (const role of ["owner", "editor", "reviewer", "viewer"] as const) {
    users[role] = await createUser({ name: role });
    tokens[role] = (await createApiToken(users[role].id, "hostile")).token;
  }
  const { slug } = await createProjectWith({
    owner: [users.owner],
    editor: [users.editor],
    reviewer: [users.reviewer],
    viewer: [users.viewer],
  });
  articleId = (await createArticle(slug, { title: "Count", text: TEXT })).id;
  const access = await authorizeArticle(await actorFor(users.owner), articleId, "annotations:create");
  if (!access.ok) throw new Error(access.message);
  tagIds = [];
  for (const [label, words] of [
    ["actor", "Ana Ruiz"],
    ["figure", "1,219 ballots"],
    ["figure", "More than 200 volunteers"],
  ] as const) {
    const start = TEXT.indexOf(words);
    const created = await server.live.create(access.value, { label, span: { start, end: start + words.length, unit: "utf16" } });
    if (!created.ok) throw new Error(created.message);
    tagIds.push(created.value.id);
  }
});

afterAll(async () => {
  await server.close();
});

/** The article as everyone should still see it: its text and each tag's words. */
function picture(doc: Y.Doc) {
  const projection = projectContent(doc);
  return {
    text: projection.text,
    tags: Object.fromEntries([...projection.spans].map(([id, span]) => [id, projection.text.slice(span.start, span.end)])),
  };
}

type Attack = { name: string; roles: Role[]; run: (doc: Y.Doc, rng: ReturnType<typeof random>) => void };

const texts = (doc: Y.Doc) => {
  const found: Y.XmlText[] = [];
  const visit = (type: Y.XmlFragment | Y.XmlElement) =>
    type.toArray().forEach((child) => (child instanceof Y.XmlText ? found.push(child) : child instanceof Y.XmlElement && visit(child)));
  visit(contentFragment(doc));
  return found;
};
/** The formatting key a tag's mark has in this text (y-prosemirror's `annotation--<hash>`). */
const keyOf = (text: Y.XmlText, id: string) => {
  for (const op of text.toDelta() as { attributes?: Record<string, { id?: string }> }[]) {
    for (const [key, value] of Object.entries(op.attributes ?? {})) if (value?.id === id) return key;
  }
  return null;
};

const ALL: Role[] = ["editor", "reviewer", "viewer"];
const ATTACKS: Attack[] = [
  { name: "unknown mark", roles: ALL, run: (doc, rng) => rng.pick(texts(doc)).format(rng.int(5), 3, { evilmark: {} }) },
  { name: "tag mark without an id", roles: ALL, run: (doc, rng) => rng.pick(texts(doc)).format(0, 4, { annotation: { label: "actor" } }) },
  {
    name: "oversized mark attribute",
    roles: ALL,
    run: (doc, rng) => rng.pick(texts(doc)).format(0, 4, { "annotation--AAAAAAAA": { id: "x".repeat(5000) } }),
  },
  { name: "NUL in text", roles: ALL, run: (doc, rng) => rng.pick(texts(doc)).insert(rng.int(5), "a\u0000b") },
  {
    name: "text by someone who may not edit",
    roles: ["reviewer", "viewer"],
    run: (doc, rng) => rng.pick(texts(doc)).insert(rng.int(5), "forged "),
  },
  { name: "delete words", roles: ["reviewer", "viewer"], run: (doc, rng) => rng.pick(texts(doc)).delete(rng.int(5), 4) },
  { name: "delete a paragraph", roles: ["reviewer", "viewer"], run: (doc) => contentFragment(doc).delete(0, 1) },
  { name: "unknown node", roles: ALL, run: (doc) => contentFragment(doc).insert(0, [new Y.XmlElement("script")]) },
  { name: "unknown node attribute", roles: ALL, run: (doc) => (contentFragment(doc).get(0) as Y.XmlElement).setAttribute("onclick", "x") },
  { name: "javascript link", roles: ALL, run: (doc) => texts(doc)[0]!.format(0, 3, { link: { href: "javascript:alert(1)" } }) },
  { name: "write outside the article", roles: ALL, run: (doc) => doc.getMap("elsewhere").set("x", "y") },
  {
    name: "remove a colleague's tag mark",
    roles: ["editor", "reviewer"],
    run: (doc, rng) => {
      const id = rng.pick(tagIds);
      for (const text of texts(doc)) {
        const key = keyOf(text, id);
        if (key) text.format(0, text.length, { [key]: null });
      }
    },
  },
  {
    name: "widen a colleague's tag mark",
    roles: ["editor", "reviewer"],
    run: (doc, rng) => {
      const id = rng.pick(tagIds);
      for (const text of texts(doc)) {
        const key = keyOf(text, id);
        if (key) text.format(0, text.length, { [key]: { id } });
      }
    },
  },
];

/** Sends one attack and waits for the server's answer: the connection closed, or the update acknowledged. */
async function attack(client: TestClient, run: () => void): Promise<"refused" | "applied"> {
  const closed = new Promise<"refused">((resolve) => client.content.on("close", () => resolve("refused")));
  run();
  return Promise.race([
    closed,
    eventually(() => !client.content.hasUnsyncedChanges, 10_000, "the server's answer").then(() => "applied" as const),
  ]);
}

describe("hostile clients", () => {
  it(`leave the article and colleagues' tags intact through ${ROUNDS} rounds of crafted updates from every role`, async () => {
    const rng = random(SEED);
    const honest = await connectClient(server.url, articleId, tokens.editor);
    const live = () => server.collaboration.loaded(`article:${articleId}`)!;
    const expected = picture(live());
    expect(Object.keys(expected.tags)).toHaveLength(3);
    const outcomes: Record<string, number> = {};
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const chosen = rng.pick(ATTACKS);
        const role = rng.pick(chosen.roles);
        const client = await connectClient(server.url, articleId, tokens[role]);
        try {
          const outcome = await attack(client, () => client.content.document.transact(() => chosen.run(client.content.document, rng)));
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          // Whatever the server did, everyone sees the article as it was.
          await eventually(
            () => JSON.stringify(picture(live())) === JSON.stringify(expected),
            5000,
            `the article intact after "${chosen.name}" by a ${role}`,
          );
          expect(() => contentRoot(live())).not.toThrow();
          expect(live().share.has("elsewhere")).toBe(false);
          await eventually(
            () => JSON.stringify(picture(honest.content.document)) === JSON.stringify(expected),
            5000,
            "the honest editor in step",
          );
        } finally {
          client.destroy();
        }
      }
      // Both kinds of answer happened: refusals, and colleagues' marks put back.
      expect(outcomes.refused).toBeGreaterThan(0);
      expect(outcomes.applied).toBeGreaterThan(0);
      expect(honest.content.document.getXmlFragment(CONTENT_FIELD).toString()).toBe(live().getXmlFragment(CONTENT_FIELD).toString());

      // And PostgreSQL holds what everyone sees.
      await server.collaboration.persistence.store(articleId);
      expect((await prisma.article.findUniqueOrThrow({ where: { id: articleId } })).text).toBe(TEXT);
      const rows = await prisma.annotation.findMany({ where: { articleId }, orderBy: { start: "asc" } });
      expect(Object.fromEntries(rows.map((row) => [row.id, row.text]))).toEqual(expected.tags);
    } finally {
      honest.destroy();
    }
  });
});
