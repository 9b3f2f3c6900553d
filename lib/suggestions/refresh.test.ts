import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as articleSuggestions from "@/app/api/articles/[id]/suggestions/route";
import * as dismissOne from "@/app/api/suggestions/[id]/dismiss/route";
import { prisma } from "@/lib/db/prisma";
import { articleSchema } from "@/lib/editor/extensions";
import { call, person, type Person } from "@/lib/export/test-support";
import { editContent } from "@/lib/tags/documents";
import { setAfterTextChange } from "@/lib/tags/live/after-text-change";
import { connectClient, eventually, startCollabServer, type TestClient } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";
import { refreshesSettled, scheduleRefresh } from "./refresh";

// Emoji (code points and UTF-16 units differ), curly quotes and an em dash, in each of three paragraphs.
const ONE = "🌊 Mayor Ana Ruiz said the city counted 1,219 ballots — about 40% more than in 2020.";
const TWO = "“We will recount every one of them,” said Ana Ruiz. 👩‍💻";
const THREE = "According to the Electoral Board, 312 complaints were filed — a record.";
const TEXT = [ONE, TWO, THREE].join("\n\n");
const ADDED = " Nearly 4,500 ballots were still uncounted.";

type Row = { id: string; start: number; end: number; text: string; label: string; supersededAt: Date | null };

let server: Awaited<ReturnType<typeof startCollabServer>>;
let owner: Person;
let slug: string;
const changed: string[] = [];

const rowsOf = (articleId: string): Promise<Row[]> =>
  prisma.suggestion.findMany({
    where: { articleId, supersededAt: null },
    orderBy: { start: "asc" },
    select: { id: true, start: true, end: true, text: true, label: true, supersededAt: true },
  });
const textOf = async (articleId: string) =>
  (await prisma.article.findUniqueOrThrow({ where: { id: articleId }, select: { text: true } })).text;
const points = (text: string, row: Row) => [...text].slice(row.start, row.end).join("");
const paragraphOf = (text: string, row: Row) => [...text].slice(0, row.start).join("").split("\n\n").length - 1;

/** Types `words` right after `anchor` in the article's text, as a person correcting it would. */
function insertAfter(client: TestClient, anchor: string, words: string) {
  editContent(client.content.document, (tr, projection) => {
    const at = projection.text.indexOf(anchor) + anchor.length;
    tr.insert(projection.positions[at]!, articleSchema.text(words));
  });
}

/** Corrects the text and waits until the server wrote it and ran (or decided not to run) its refresh. */
async function correct(articleId: string, anchor: string, words: string) {
  const client = await connectClient(server.url, articleId, owner.token);
  try {
    const seen = changed.length;
    insertAfter(client, anchor, words);
    await eventually(() => changed.slice(seen).includes(articleId), 10_000, "the corrected text written");
    await refreshesSettled();
  } finally {
    client.destroy();
  }
}

beforeAll(async () => {
  server = await startCollabServer();
  // The server process's hook (installSuggestionRefresh), with a short delay and a record of what changed.
  setAfterTextChange((articleId, before) => {
    changed.push(articleId);
    scheduleRefresh(articleId, before, 50);
  });
  owner = await person("Owner");
  ({ slug } = await createProjectWith({ owner: [owner] }));
});

afterAll(async () => {
  setAfterTextChange(undefined);
  await server.close();
});

describe("suggestions after a text correction", () => {
  it("are suggested again in the corrected paragraph only; the others keep their ids at their moved places", async () => {
    const article = (await createArticle(slug, { title: "Count", text: TEXT })).id;
    expect((await call(articleSuggestions.POST, { id: article }, { token: owner.token, body: {} })).status).toBe(200);
    const before = await rowsOf(article);
    expect(before.some((row) => paragraphOf(TEXT, row) === 0)).toBe(true);
    expect(before.some((row) => paragraphOf(TEXT, row) === 2)).toBe(true);
    // Dismissed, in the paragraph that is corrected (before the correction's place): it must not come back.
    const dismissed = before.find((row) => paragraphOf(TEXT, row) === 1 && row.label === "actor")!;
    expect((await call(dismissOne.POST, { id: dismissed.id }, { token: owner.token, method: "POST" })).status).toBe(204);

    await correct(article, "said Ana Ruiz.", ADDED);
    const text = await textOf(article);
    expect(text).toBe(TEXT.replace("said Ana Ruiz.", `said Ana Ruiz.${ADDED}`));
    const after = await rowsOf(article);
    for (const row of after) expect(points(text, row)).toBe(row.text);
    // New: the figure in the added sentence.
    expect(after.some((row) => row.label === "figure" && row.text.includes("4,500") && paragraphOf(text, row) === 1)).toBe(true);
    // The first and last paragraphs' suggestions: the same rows, the last moved by the added words.
    const outside = (rows: Row[], source: string) =>
      rows.filter((row) => paragraphOf(source, row) !== 1).map((row) => [row.id, row.label, row.text]);
    expect(outside(after, text)).toEqual(outside(before, TEXT));
    const lastBefore = before.find((row) => paragraphOf(TEXT, row) === 2)!;
    expect(after.find((row) => row.id === lastBefore.id)!.start - lastBefore.start).toBe([...ADDED].length);
    // The dismissed one, at the same place, is the same row: its dismissal stands.
    expect(after.find((row) => row.id === dismissed.id)).toMatchObject({ start: dismissed.start, text: dismissed.text });
    const offered = await call(articleSuggestions.GET, { id: article }, { token: owner.token, query: { offsetUnit: "codepoint" } });
    const list = ((await offered.json()) as { suggestions: { id: string }[] }).suggestions;
    expect(list.map((item) => item.id)).not.toContain(dismissed.id);
  });

  it("leave an article that never had suggestions alone", async () => {
    const article = (await createArticle(slug, { title: "Quiet", text: TEXT.replace("Mayor", "The mayor,") })).id;
    await correct(article, "said Ana Ruiz.", ADDED);
    expect(await textOf(article)).toContain(ADDED);
    expect(await rowsOf(article)).toEqual([]);
  });
});
