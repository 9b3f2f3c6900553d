import { beforeAll, describe, expect, it } from "vitest";
import * as projectExport from "@/app/api/projects/[slug]/export/route";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { prisma } from "@/lib/db/prisma";
import { eventually } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";
import { inExportTransaction, readExportArticles } from "./data";
import { startProjectExport } from "./export";
import { planExport } from "./plan";
import { projectExportQuerySchema } from "./schema-filters";
import { call, jsonlArticles, person, type Person } from "./test-support";

let slug: string;
let owner: Person;
const ARTICLES = 60;

/** A long article of its own: distinct words per paragraph, so no two texts are duplicates. */
function longText(index: number, paragraphs: number): string {
  return Array.from(
    { length: paragraphs },
    (_, p) =>
      `Report ${index}, part ${p}: the council met on day ${p} and counted ${index * 1000 + p} ballots before the “recount” — again.`,
  ).join("\n\n");
}

beforeAll(async () => {
  owner = await person("owner");
  ({ slug } = await createProjectWith({ owner: [owner] }));
  for (let index = 0; index < ARTICLES; index++) await createArticle(slug, { title: `Story ${index}`, text: longText(index, 450) });
});

/**
 * Transactions open in this test file's database, other than this query's (an export holds one while it
 * streams). Clients' only: on a busy machine an autovacuum worker ANALYZEs the freshly imported articles
 * in a transaction of its own.
 */
async function openTransactions(): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_type = 'client backend'`;
  return row!.count;
}

const query = (input: Record<string, string> = {}) => projectExportQuerySchema.parse({ format: "jsonl", ...input });

describe("export streaming", () => {
  it("reads one consistent snapshot: changes committed after it began are not in later batches", async () => {
    const access = (await unsafeOperatorProjectAccess(slug, "project:read"))!;
    const plan = planExport(access, query());
    const last = (
      await prisma.article.findMany({
        where: { projectId: access.projectId },
        orderBy: { id: "desc" },
        take: 1,
        select: { id: true, title: true },
      })
    )[0]!;
    const seen = await inExportTransaction(
      async (tx) => {
        const ids: string[] = [];
        for await (const article of readExportArticles(tx, plan)) {
          if (ids.length === 0) {
            // Outside the export's transaction, as a colleague would: a new article and a retitled one, both
            // due in a later batch than the first.
            await createArticle(slug, { title: "Late story", text: longText(999, 2) });
            await prisma.article.update({ where: { id: last.id }, data: { title: "Retitled meanwhile" } });
          }
          ids.push(article.id);
          if (article.id === last.id) expect(article.title).toBe(last.title);
        }
        return ids;
      },
      { readOnly: true },
    );
    expect(seen).toHaveLength(ARTICLES);
    expect(await prisma.article.count({ where: { projectId: access.projectId } })).toBe(ARTICLES + 1);
    await prisma.article.deleteMany({ where: { projectId: access.projectId, title: "Late story" } });
    await prisma.article.update({ where: { id: last.id }, data: { title: last.title } });
  });

  it("waits for a slow reader instead of buffering the export, and ends its transaction at the end", async () => {
    const access = (await unsafeOperatorProjectAccess(slug, "project:read"))!;
    const started = await startProjectExport(access, query());
    const reader = started.stream.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    // Several megabytes are due; a producer that did not wait would have finished by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await openTransactions()).toBe(1);
    let bytes = first.value!.byteLength;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
    const result = await started.done;
    expect(result).toMatchObject({ articles: ARTICLES, bytes });
    expect(bytes).toBeGreaterThan(2.5 * 1024 * 1024);
    await eventually(async () => (await openTransactions()) === 0, 2000, "the transaction to end");
  });

  it("stops reading and rolls back when the reader cancels", async () => {
    const access = (await unsafeOperatorProjectAccess(slug, "project:read"))!;
    const started = await startProjectExport(access, query());
    const reader = started.stream.getReader();
    await reader.read();
    expect(await openTransactions()).toBe(1);
    await reader.cancel();
    await expect(started.done).rejects.toMatchObject({ name: "AbortError" });
    await eventually(async () => (await openTransactions()) === 0, 2000, "the transaction to end");
  });

  it("cancels the export when the HTTP client goes away mid-body, whatever the format", async () => {
    for (const format of ["json", "spacy"]) {
      const response = await call(projectExport.GET, { slug }, { token: owner.token, query: { format } });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      await reader.read();
      expect(await openTransactions()).toBe(1);
      await reader.cancel();
      await eventually(async () => (await openTransactions()) === 0, 2000, "the transaction to end");
    }
  });

  it("still exports everything to a reader that keeps up", async () => {
    const response = await call(projectExport.GET, { slug }, { token: owner.token, query: { format: "jsonl" } });
    const articles = jsonlArticles(await response.text());
    expect(articles).toHaveLength(ARTICLES);
    expect(articles.map((article) => article.id)).toEqual(articles.map((article) => article.id).sort((a, b) => (a < b ? -1 : 1)));
  });

  it("gives up on a reader that stops reading without closing, and ends its transaction", async () => {
    process.env.MARGIN_EXPORT_IDLE_MS = "300";
    try {
      const access = (await unsafeOperatorProjectAccess(slug, "project:read"))!;
      const started = await startProjectExport(access, query());
      const reader = started.stream.getReader();
      await reader.read();
      expect(await openTransactions()).toBe(1);
      // The reader goes quiet (a frozen tab, a stuck proxy) but never cancels.
      await expect(started.done).rejects.toMatchObject({ name: "AbortError", message: expect.stringMatching(/read nothing/) });
      await eventually(async () => (await openTransactions()) === 0, 2000, "the transaction to end");
      await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });
    } finally {
      delete process.env.MARGIN_EXPORT_IDLE_MS;
    }
  });

  it("refuses an export beyond the number this server runs at once with a 429, and takes it again once one ends", async () => {
    process.env.MARGIN_EXPORT_CONCURRENCY = "2";
    const readers: ReadableStreamDefaultReader<Uint8Array>[] = [];
    try {
      for (let index = 0; index < 2; index++) {
        const response = await call(projectExport.GET, { slug }, { token: owner.token, query: { format: "jsonl" } });
        expect(response.status).toBe(200);
        readers.push(response.body!.getReader());
        await readers.at(-1)!.read();
      }
      const refused = await call(projectExport.GET, { slug }, { token: owner.token, query: { format: "jsonl" } });
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/exports are running/);
      await readers.shift()!.cancel();
      await eventually(async () => (await openTransactions()) === 1, 2000, "one export to end");
      // Its slot is given back once its connection has closed too, a moment after the transaction ends.
      const running = () => (globalThis as { marginExportsRunning?: number }).marginExportsRunning;
      await eventually(() => running() === 1, 2000, "its slot to be given back");
      const again = await call(projectExport.GET, { slug }, { token: owner.token, query: { format: "jsonl" } });
      expect(again.status).toBe(200);
      readers.push(again.body!.getReader());
    } finally {
      for (const reader of readers) await reader.cancel();
      delete process.env.MARGIN_EXPORT_CONCURRENCY;
    }
  });
});
