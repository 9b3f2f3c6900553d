import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as articleSuggestions from "@/app/api/articles/[id]/suggestions/route";
import * as acceptAbove from "@/app/api/articles/[id]/suggestions/accept/route";
import * as acceptOne from "@/app/api/suggestions/[id]/accept/route";
import * as dismissOne from "@/app/api/suggestions/[id]/dismiss/route";
import * as history from "@/app/api/annotations/[id]/history/route";
import * as tagsRoute from "@/app/api/articles/[id]/annotations/route";
import { prisma } from "@/lib/db/prisma";
import { call, person, type Person, type Server } from "@/lib/export/test-support";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";

// Emoji before the words (code points and UTF-16 units differ), curly quotes and an em dash.
const TEXT =
  "🌊 Mayor Ana Ruiz said the city counted 1,219 ballots — about 40% more than in 2020.\n\n" +
  "“We will recount every one of them,” said Ana Ruiz. According to the Electoral Board, the count is final. 👩‍💻";

type View = {
  id: string;
  label: string;
  start: number;
  end: number;
  text: string;
  score: number;
  suggester: string;
  version: string;
  attributes: Record<string, unknown>;
};
type Tag = { id: string; label: string; start: number; end: number; text: string; attributes: Record<string, unknown> };

let server: Server;
let editor: Person;
let colleague: Person;
let viewer: Person;
let stranger: Person;
let article: string;

const listFor = async (who: Person, offsetUnit = "codepoint") => {
  const response = await call(articleSuggestions.GET, { id: article }, { token: who.token, query: { offsetUnit } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { suggestions: View[] }).suggestions;
};
const run = (who: Person, body: unknown = {}) => call(articleSuggestions.POST, { id: article }, { token: who.token, body });
const accept = (who: Person, id: string, body: unknown = {}) => call(acceptOne.POST, { id }, { token: who.token, body });
const dismiss = (who: Person, id: string) => call(dismissOne.POST, { id }, { token: who.token, method: "POST" });
const find = (list: View[], label: string, text: string) => list.find((item) => item.label === label && item.text === text);
const points = (start: number, end: number) => [...TEXT].slice(start, end).join("");

beforeAll(async () => {
  server = await startCollabServer();
  editor = await person("Editor");
  colleague = await person("Colleague");
  viewer = await person("Viewer");
  stranger = await person("Stranger");
  const { slug } = await createProjectWith({ owner: [editor], editor: [colleague], viewer: [viewer] });
  article = (await createArticle(slug, { title: "Count", text: TEXT })).id;
});

afterAll(async () => {
  await server.close();
});

describe("running and listing suggestions", () => {
  it("runs the built-ins and answers suggestions whose offsets slice the text exactly, in either unit", async () => {
    const response = await run(editor);
    expect(response.status).toBe(200);
    const { suggestions, errors } = (await response.json()) as { suggestions: View[]; errors: unknown[] };
    expect(errors).toEqual([]);
    for (const item of suggestions) expect(points(item.start, item.end)).toBe(item.text);
    expect(find(suggestions, "figure", "about 40%")).toMatchObject({
      suggester: "builtin:figures",
      version: "2",
      attributes: { value: 40, unit: "percent", approximate: true },
    });
    for (const item of await listFor(editor, "utf16")) expect(TEXT.slice(item.start, item.end)).toBe(item.text);
    // Suggestions are not tags: the article's tags (what review, agreement and export read) are untouched.
    const tags = await call(tagsRoute.GET, { id: article }, { token: editor.token, query: { status: "all" } });
    expect(((await tags.json()) as { annotations: unknown[] }).annotations).toEqual([]);
    const starts = suggestions.map((item) => item.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("refuses viewers (403), non-members (404) and unknown suggesters (400 naming it)", async () => {
    expect((await call(articleSuggestions.GET, { id: article }, { token: viewer.token })).status).toBe(403);
    expect((await call(articleSuggestions.GET, { id: article }, { token: stranger.token })).status).toBe(404);
    const unknown = await run(editor, { suggesters: ["builtin:figures", "builtin:nope"] });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/unknown suggester builtin:nope/);
    expect((await run(editor, { suggesters: "builtin:figures" })).status).toBe(400);
  });

  it("a run of one suggester replaces only its own suggestions, keeping their ids", async () => {
    const before = await listFor(editor);
    const response = await run(editor, { suggesters: ["builtin:figures"] });
    expect(response.status).toBe(200);
    const after = ((await response.json()) as { suggestions: View[] }).suggestions;
    expect(after.map((item) => item.id).sort()).toEqual(before.map((item) => item.id).sort());
  });
});

describe("dismissing", () => {
  it("hides a suggestion from the person who dismissed it, also after a re-run, and from no one else", async () => {
    const figure = find(await listFor(editor), "figure", "1,219 ballots")!;
    expect((await dismiss(editor, figure.id)).status).toBe(204);
    expect(find(await listFor(editor), "figure", "1,219 ballots")).toBeUndefined();
    expect(find(await listFor(colleague), "figure", "1,219 ballots")).toBeDefined();
    expect((await dismiss(editor, figure.id)).status).toBe(409);
    expect((await run(editor)).status).toBe(200);
    expect(find(await listFor(editor), "figure", "1,219 ballots")).toBeUndefined();
    expect(find(await listFor(colleague), "figure", "1,219 ballots")).toBeDefined();
    expect((await dismiss(viewer, figure.id)).status).toBe(403);
    expect((await dismiss(stranger, figure.id)).status).toBe(404);
  });
});

describe("accepting", () => {
  // First: the claim's source (the Electoral Board) is accepted by the next test.
  it("makes a claim without its source while the source is only a suggestion, and says so", async () => {
    const list = await listFor(colleague);
    const claim = list.find((item) => item.label === "claim" && list.some((actor) => actor.id === item.attributes.sourceSuggestionId))!;
    expect(claim).toBeDefined();
    const response = await accept(colleague, claim.id);
    expect(response.status).toBe(201);
    const answer = (await response.json()) as { annotation: Tag; unlinked?: true };
    expect(answer.unlinked).toBe(true);
    expect(answer.annotation.attributes.sourceId).toBeUndefined();
  });

  it("makes the caller's tag on the same words, with the suggestion's provenance in its history", async () => {
    const actor = find(await listFor(colleague), "actor", "Electoral Board")!;
    const response = await accept(colleague, actor.id);
    expect(response.status).toBe(201);
    const { annotation } = (await response.json()) as { annotation: Tag & { annotators: { id: string }[] } };
    expect(annotation).toMatchObject({ label: "actor", start: actor.start, end: actor.end, text: actor.text });
    expect(points(annotation.start, annotation.end)).toBe(annotation.text);
    expect(annotation.annotators.map((who) => who.id)).toEqual([colleague.id]);
    const events = (await (await call(history.GET, { id: annotation.id }, { token: colleague.token })).json()) as {
      history: { kind: string; data: Record<string, unknown> }[];
    };
    expect(events.history[0]).toMatchObject({
      kind: "created",
      data: { suggestion: { suggestionId: actor.id, suggester: actor.suggester, version: actor.version, score: actor.score } },
    });
    // In an open project everyone sees the tag it became: nobody is offered it again, and a second accept is a 409.
    expect((await listFor(editor)).some((item) => item.id === actor.id)).toBe(false);
    expect((await accept(editor, actor.id)).status).toBe(409);
    expect((await accept(viewer, actor.id)).status).toBe(403);
  });

  it("links a quote to its speaker once the speaker's suggestion is accepted, and says so when it is not", async () => {
    const list = await listFor(editor);
    const quote = list.find((item) => item.label === "quote" && item.text.startsWith("“We will"))!;
    const speaker = list.find((item) => item.id === quote.attributes.speakerSuggestionId)!;
    expect(speaker).toMatchObject({ label: "actor", text: "Ana Ruiz" });

    const spoken = await accept(editor, speaker.id);
    expect(spoken.status).toBe(201);
    const speakerTag = ((await spoken.json()) as { annotation: Tag }).annotation;
    const quoted = await accept(editor, quote.id);
    expect(quoted.status).toBe(201);
    const quoteAnswer = (await quoted.json()) as { annotation: Tag; unlinked?: true };
    expect(quoteAnswer.unlinked).toBeUndefined();
    expect(quoteAnswer.annotation.attributes).toMatchObject({ direct: true, speakerId: speakerTag.id });
    expect(quoteAnswer.annotation.text).toBe("“We will recount every one of them,”");
  });

  it("takes overrides of the label and attributes, checked as any tag's are", async () => {
    const figure = find(await listFor(colleague), "figure", "about 40%")!;
    const refused = await accept(colleague, figure.id, { attributes: { value: "forty" } });
    expect(refused.status).toBe(400);
    const response = await accept(colleague, figure.id, { attributes: { unit: "percent" } });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { annotation: Tag }).annotation.attributes).toMatchObject({
      value: 40,
      unit: "percent",
      approximate: true,
    });
    expect((await accept(colleague, "no-such-suggestion")).status).toBe(404);
  });

  it("accepts every suggestion of a label above a score, each its words exactly", async () => {
    await run(colleague);
    const figures = (await listFor(colleague)).filter((item) => item.label === "figure");
    const response = await call(acceptAbove.POST, { id: article }, { token: colleague.token, body: { label: "figure", minScore: 0.5 } });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { accepted: number; annotations: Tag[] };
    expect(answer.accepted).toBe(figures.filter((item) => item.score >= 0.5).length);
    for (const tag of answer.annotations) expect(points(tag.start, tag.end)).toBe(tag.text);
    expect((await listFor(colleague)).filter((item) => item.label === "figure")).toEqual([]);
    const bad = await call(acceptAbove.POST, { id: article }, { token: colleague.token, body: { label: "figure", minScore: 2 } });
    expect(bad.status).toBe(400);
  });
});

describe("what is tagged already", () => {
  it("is not offered: a tag of the same label on the same words, whoever made it, hides the suggestion", async () => {
    await run(editor);
    // The indirect quote (no one has accepted it: the claim and the direct quote were).
    const quote = (await listFor(editor)).find((item) => item.label === "quote" && item.text.startsWith("the city counted"))!;
    expect((await listFor(colleague)).some((item) => item.id === quote.id)).toBe(true);
    const made = await call(
      tagsRoute.POST,
      { id: article },
      { token: editor.token, body: { label: "quote", start: quote.start, end: quote.end } },
    );
    expect(made.status).toBe(201);
    expect((await listFor(editor)).some((item) => item.id === quote.id)).toBe(false);
    expect((await listFor(colleague)).some((item) => item.id === quote.id)).toBe(false);
  });
});

describe("the article's suggestions belong to it", () => {
  it("are deleted with it", async () => {
    const { slug } = await createProjectWith({ owner: [editor] });
    const doomed = (await createArticle(slug, { title: "Doomed", text: "Li Wei said 12 people came." })).id;
    expect((await call(articleSuggestions.POST, { id: doomed }, { token: editor.token, body: {} })).status).toBe(200);
    expect(await prisma.suggestion.count({ where: { articleId: doomed } })).toBeGreaterThan(0);
    await prisma.article.delete({ where: { id: doomed } });
    expect(await prisma.suggestion.count({ where: { articleId: doomed } })).toBe(0);
  });
});
