/**
 * Durability of live documents across the server process's death, on the real production server (a child
 * process on this file's database) and real WebSocket clients:
 * - SIGKILL while two editors type and tag: nothing is lost from clients that stay connected (they keep
 *   editing while it is down and sync when it is back), nor what a client that left 100 ms before had
 *   had acknowledged.
 * - SIGTERM right after an edit: it is stored before the process exits, within 2 seconds.
 */
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/mutations";
import type { Label } from "@/lib/vocabulary";
import { markSpan, ownState, projectContent, readTags } from "@/lib/tags/documents";
import { prisma } from "@/lib/db/prisma";
import { TagClient } from "@/lib/tags/client/tag-client";
import { connectClient, converged, eventually, typeWord, type TestClient } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import { exitOf, startServerProcess, type ServerProcess } from "@/lib/testing/server-process";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the county clerk.\n\nMore than 200 volunteers waited outside.";
const port = 57000 + Math.floor(Math.random() * 1000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let articleId: string;
const tokens: Record<"a" | "b" | "c" | "d", string> = { a: "", b: "", c: "", d: "" };
const processes: ChildProcess[] = [];
const clients: TestClient[] = [];

function start(): Promise<ServerProcess> {
  // This test file's own database (lib/testing/database-per-file.ts), already migrated.
  return startServerProcess({ PORT: String(port), DATABASE_URL: process.env.DATABASE_URL }).then((server) => {
    processes.push(server.child);
    return server;
  });
}

async function connect(who: keyof typeof tokens): Promise<TestClient> {
  const client = await connectClient(`ws://127.0.0.1:${port}/collab`, articleId, tokens[who]);
  clients.push(client);
  return client;
}

const type = typeWord;

beforeAll(async () => {
  const [owner, a, b, c] = await Promise.all([
    createUser({ name: "Owner" }),
    createUser({ name: "A" }),
    createUser({ name: "B" }),
    createUser({ name: "C" }),
  ]);
  const { slug } = await createProjectWith({ owner: [owner], editor: [a, b, c] });
  articleId = (await createArticle(slug, { title: "Count", text: TEXT })).id;
  tokens.a = (await createApiToken(a.id, "crash")).token;
  tokens.b = (await createApiToken(b.id, "crash")).token;
  tokens.c = (await createApiToken(c.id, "crash")).token;
  tokens.d = (await createApiToken(owner.id, "crash")).token;
});

afterAll(() => {
  for (const client of clients) client.destroy();
  for (const child of processes) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

describe("the server process dying", () => {
  it("loses no edit or tag on SIGKILL, and stores everything on SIGTERM within 2 seconds", async () => {
    let server = await start();
    const a = await connect("a");
    const b = await connect("b");
    const typed: string[] = [];
    const answers: Promise<{ id: string; word: string; ok: boolean; error?: string }>[] = [];
    // A tagging sent while the server is down is answered after it is back, once it has caught up: on a
    // machine loaded with other work that can take a while (throughput is bench/editor.ts's business).
    const taggers = new Map([a, b].map((client) => [client, new TagClient(client.tags, 90_000)]));

    const c = await connect("c");

    // A and B type and tag throughout: before the crash, while the server is down, and after.
    let editing = true;
    const edit = async (client: TestClient, name: string) => {
      for (let n = 1; editing; n++) {
        const word = `[${name}${n}]`;
        type(client, word);
        typed.push(word);
        if (n % 4 === 0) {
          // Tag the word typed just before, as the editor does: mark it, then ask the server.
          const earlier = `[${name}${n - 1}]`;
          const projection = projectContent(client.content.document);
          const start = projection.text.indexOf(earlier);
          const id = randomUUID();
          if (markSpan(client.content.document, id, { start, end: start + earlier.length })) {
            const label: Label = n % 2 ? "actor" : "quote";
            answers.push(
              taggers
                .get(client)!
                .send({ op: "create", id, label, markedAt: ownState(client.content.document) })
                .then((answer) => ({ id, word: earlier, ...answer })),
            );
          }
        }
        await sleep(20);
      }
    };
    const editing$ = Promise.all([edit(a, "A"), edit(b, "B")]);
    await sleep(1100);
    // C types three words and leaves as soon as the server has acknowledged them (the promise: what is
    // acknowledged is stored); 100 ms later the server is killed.
    for (const word of ["[C1]", "[C2]", "[C3]"]) {
      type(c, word);
      typed.push(word);
    }
    await eventually(() => !c.content.hasUnsyncedChanges, 10_000, "C's words acknowledged");
    c.destroy();
    await sleep(100);
    server.child.kill("SIGKILL");
    await exitOf(server.child);
    await sleep(400);
    server = await start();
    await sleep(1500);
    editing = false;
    await editing$;

    // Every tagging is answered (those sent while the server was down are sent again), and accepted.
    const answered = await Promise.all(answers);
    if (answered.some((answer) => !answer.ok)) {
      const said = server
        .output()
        .split("\n")
        .filter((line) => /refused|error|closing/i.test(line));
      console.error(`[crash] the server said:\n${said.slice(0, 30).join("\n")}`);
    }
    expect(answered.filter((answer) => !answer.ok)).toEqual([]);
    expect(answered.length).toBeGreaterThan(10);

    // Both editors converge on one text holding every word typed, once, and every tag on its word.
    await eventually(() => converged([a, b]), 10_000, "the editors to converge");
    const projection = projectContent(a.content.document);
    for (const word of typed) expect(projection.text.split(word).length - 1, word).toBe(1);
    const tags = readTags(a.tags.document);
    for (const { id, word } of answered) {
      const span = projection.spans.get(id);
      expect(span && projection.text.slice(span.start, span.end), id).toBe(word);
      expect(tags.has(id)).toBe(true);
    }

    // PostgreSQL's projection catches up, with exact offsets (code points).
    await eventually(
      async () => (await prisma.article.findUniqueOrThrow({ where: { id: articleId } })).text === projection.text,
      15_000,
      "the stored projection",
    );
    const rows = await prisma.annotation.findMany({ where: { articleId } });
    expect(rows.map((row) => row.id).sort()).toEqual(answered.map((answer) => answer.id).sort());
    for (const row of rows) expect([...projection.text].slice(row.start!, row.end!).join("")).toBe(row.text);

    // An edit received a moment before SIGTERM is stored on the way out, well before the store's debounce.
    type(a, "[LAST]");
    await eventually(() => projectContent(b.content.document).text.includes("[LAST]"), 2000, "the last word at B");
    const stopping = Date.now();
    server.child.kill("SIGTERM");
    expect(await exitOf(server.child)).toBe(0);
    const stopMs = Date.now() - stopping;
    expect(stopMs).toBeLessThan(2000);
    const stored = (await prisma.article.findUniqueOrThrow({ where: { id: articleId } })).text;
    expect(stored).toContain("[LAST]");
    console.info(`[crash] ${typed.length} words typed, ${answered.length} tags, SIGTERM exit in ${stopMs} ms`);

    // A newcomer after another restart loads exactly that from PostgreSQL.
    a.destroy();
    b.destroy();
    server = await start();
    const d = await connect("d");
    expect(projectContent(d.content.document).text).toBe(stored);
    expect([...readTags(d.tags.document).keys()].sort()).toEqual(answered.map((answer) => answer.id).sort());
    d.destroy();
    server.child.kill("SIGTERM");
    expect(await exitOf(server.child)).toBe(0);
  }, 120_000);
});
