import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { person, span, tag, type Person, type Server } from "@/lib/export/test-support";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";
import type { Label } from "@/lib/vocabulary";
import { compareSuggesters } from "./agreement-report";

// An emoji before every span: the suggestions' and tags' code points must become the same UTF-16 offsets.
const TEXT = "“Turnout hit 71% 🗳️,” said Ana Ruiz — the clerk. About 300 people came.";
const OTHER = "Nobody ran the suggesters on this one — 12 people.";

let server: Server;
let slug: string;
let articleId: string;
let annA: Person;
let annB: Person;

async function suggest(
  label: Label,
  words: string,
  suggester: string,
  extra: { text?: string; forUserId?: string; superseded?: boolean } = {},
) {
  const { start, end } = span(TEXT, words);
  await prisma.suggestion.create({
    data: {
      articleId,
      label,
      start,
      end,
      text: extra.text ?? words,
      suggester,
      version: "1",
      score: 0.5,
      forUserId: extra.forUserId ?? null,
      supersededAt: extra.superseded ? new Date() : null,
    },
  });
}

beforeAll(async () => {
  server = await startCollabServer();
  [annA, annB] = await Promise.all([person("Annotator A"), person("Annotator B")]);
  ({ slug } = await createProjectWith({ editor: [annA, annB] }));
  articleId = (await createArticle(slug, { title: "Turnout", text: TEXT })).id;
  const other = (await createArticle(slug, { title: "Other", text: OTHER })).id;
  await tag(server, annA, articleId, TEXT, "figure", "71%");
  await tag(server, annA, articleId, TEXT, "actor", "Ana Ruiz");
  await tag(server, annA, articleId, TEXT, "figure", "About 300 people");
  await tag(server, annB, articleId, TEXT, "figure", "71%");
  await tag(server, annB, articleId, TEXT, "actor", "the clerk");
  await tag(server, annB, other, OTHER, "figure", "12 people");
  await suggest("figure", "71%", "figures");
  await suggest("figure", "300 people", "figures");
  await suggest("actor", "Ana Ruiz", "actors");
  // Not counted: words no longer at their offsets, a blind annotator's own run, a superseded row.
  await suggest("figure", "the clerk", "figures", { text: "the clerc" });
  await suggest("actor", "the clerk", "actors", { forUserId: annB.id });
  await suggest("figure", "About 300 people", "figures", { superseded: true });
});

afterAll(async () => {
  await server.close();
});

const access = async () => (await unsafeOperatorProjectAccess(slug, "agreement:read"))!;

describe("suggesters vs annotators", () => {
  it("scores each suggester against each annotator's tags, per label, exact and overlap, on the articles both cover", async () => {
    const rows = await compareSuggesters(await access());
    const find = (model: string, who: Person) => rows.find((row) => row.model === model && row.annotator.id === who.id)!;
    expect(rows.map((row) => [row.model, row.annotator.email])).toEqual(
      expect.arrayContaining([
        ["actors@1", annA.email],
        ["actors@1", annB.email],
        ["figures@1", annA.email],
        ["figures@1", annB.email],
      ]),
    );
    expect(rows).toHaveLength(4);

    const figuresA = find("figures@1", annA);
    expect(figuresA.articles).toBe(1);
    expect(figuresA.labels.figure).toMatchObject({
      reference: 2,
      suggested: 2,
      exact: { matched: 1, f1: 0.5 },
      overlap: { matched: 2, f1: 1 },
    });
    expect(figuresA.labels.actor).toMatchObject({ reference: 1, suggested: 0, exact: { f1: 0, precision: null } });
    expect(figuresA.all.exact.f1).toBeCloseTo(0.4);
    expect(figuresA.all.overlap.f1).toBeCloseTo(0.8);

    const figuresB = find("figures@1", annB);
    expect(figuresB.articles).toBe(1);
    expect(figuresB.labels.figure).toMatchObject({ reference: 1, suggested: 2, exact: { matched: 1 }, overlap: { matched: 1 } });
    expect(figuresB.labels.figure!.exact.f1).toBeCloseTo(2 / 3);

    expect(find("actors@1", annA).labels.actor).toMatchObject({ exact: { f1: 1 }, overlap: { f1: 1 } });
    expect(find("actors@1", annB).labels.actor).toMatchObject({ reference: 1, suggested: 1, exact: { f1: 0 }, overlap: { f1: 0 } });
  });

  it("follows the labels and article filters", async () => {
    const rows = await compareSuggesters(await access(), { labels: ["figure"] });
    const actorsA = rows.find((row) => row.model === "actors@1" && row.annotator.id === annA.id)!;
    expect(Object.keys(actorsA.labels)).toEqual(["figure"]);
    expect(actorsA.all).toMatchObject({ reference: 2, suggested: 0 });
    const other = await prisma.article.findFirstOrThrow({ where: { title: "Other", project: { slug } } });
    expect(await compareSuggesters(await access(), { articleId: other.id })).toEqual([]);
  });
});
