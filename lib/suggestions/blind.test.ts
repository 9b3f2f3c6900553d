import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as articleSuggestions from "@/app/api/articles/[id]/suggestions/route";
import * as acceptOne from "@/app/api/suggestions/[id]/accept/route";
import * as dismissOne from "@/app/api/suggestions/[id]/dismiss/route";
import { prisma } from "@/lib/db/prisma";
import { call, person, review, tag, type Person, type Server } from "@/lib/export/test-support";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";

// Annotator A's canonical name is lower-case, so that only the project's knowledge (A's tag) can suggest it.
const FIRST = "The harbour guild voted on Monday.";
const SECOND = "“We will sail at dawn — all 🌊 of us,” said Ana Ruiz of the harbour guild.";
const NAME = "the harbour guild";

type View = { id: string; label: string; text: string; attributes: Record<string, unknown> };

let server: Server;
let annotatorA: Person;
let annotatorB: Person;
let owner: Person;
let first: string;
let second: string;
let guildTag: string;
let ruizTag: string;

const listFor = async (who: Person) =>
  ((await (await call(articleSuggestions.GET, { id: second }, { token: who.token })).json()) as { suggestions: View[] }).suggestions;
const run = async (who: Person) => {
  const response = await call(articleSuggestions.POST, { id: second }, { token: who.token, body: {} });
  expect(response.status).toBe(200);
  return ((await response.json()) as { suggestions: View[] }).suggestions;
};
/** Whatever in these suggestions would tell their reader about A's tags. */
const leaksOfA = (list: View[]) =>
  list.filter(
    (item) => item.attributes.canonicalName === NAME || [item.attributes.speakerTagId, item.attributes.sourceTagId].includes(ruizTag),
  );

beforeAll(async () => {
  server = await startCollabServer();
  annotatorA = await person("A");
  annotatorB = await person("B");
  owner = await person("Owner");
  const { slug } = await createProjectWith({ owner: [owner], editor: [annotatorA, annotatorB] });
  await prisma.project.update({ where: { slug }, data: { blindAnnotation: true } });
  first = (await createArticle(slug, { title: "Vote", text: FIRST })).id;
  second = (await createArticle(slug, { title: "Dawn", text: SECOND })).id;
  guildTag = await tag(server, annotatorA, first, FIRST, "actor", "The harbour guild", { canonicalName: NAME, kind: "group" });
  ruizTag = await tag(server, annotatorA, second, SECOND, "actor", "Ana Ruiz", { canonicalName: "Ana Ruiz", kind: "person" });
});

afterAll(async () => {
  await server.close();
});

describe("in a blind project, suggestions never reveal a colleague's tags", () => {
  it("A's own run draws on A's tags: their actor's name is suggested, their quote linked to their tag", async () => {
    const list = await run(annotatorA);
    expect(list.find((item) => item.label === "actor" && item.text === NAME)?.attributes.canonicalName).toBe(NAME);
    expect(list.find((item) => item.label === "quote")?.attributes.speakerTagId).toBe(ruizTag);
  });

  it("B, running or listing, gets neither A's name nor a link to A's tag, and cannot reach A's suggestions", async () => {
    expect(leaksOfA(await listFor(annotatorB))).toEqual([]);
    const list = await run(annotatorB);
    expect(list.find((item) => item.label === "quote")).toBeDefined();
    expect(leaksOfA(list)).toEqual([]);
    const ofA = (await listFor(annotatorA)).find((item) => item.label === "quote")!;
    expect((await call(acceptOne.POST, { id: ofA.id }, { token: annotatorB.token, body: {} })).status).toBe(404);
    expect((await call(dismissOne.POST, { id: ofA.id }, { token: annotatorB.token, method: "POST" })).status).toBe(404);
  });

  it("the shared set an owner's run writes comes from gold only, so B is offered it without A's tags", async () => {
    const ownerList = await run(owner);
    expect(leaksOfA(ownerList)).toEqual([]);
    expect(leaksOfA(await listFor(annotatorB))).toEqual([]);
  });

  it("once A's actor is accepted (gold), its name is everyone's to be suggested", async () => {
    await review(server, owner, first, guildTag, "accept");
    const list = await run(annotatorB);
    expect(list.find((item) => item.label === "actor" && item.text === NAME)?.attributes.canonicalName).toBe(NAME);
    expect(list.some((item) => item.attributes.speakerTagId === ruizTag)).toBe(false);
  });

  it("B's accept makes B's tag and hides the suggestion from B alone", async () => {
    const figureOrQuote = (await listFor(annotatorB)).find((item) => item.label === "quote")!;
    const response = await call(acceptOne.POST, { id: figureOrQuote.id }, { token: annotatorB.token, body: {} });
    expect(response.status).toBe(201);
    expect((await listFor(annotatorB)).some((item) => item.label === "quote")).toBe(false);
    expect((await listFor(annotatorA)).some((item) => item.label === "quote")).toBe(true);
  });
});
