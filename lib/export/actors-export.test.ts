/**
 * The actor registry in the export, on a real database through the export routes: every format that carries
 * actor tags names the record they count for (the root, after merges), the actors formats list the records
 * with counts from the exported tags only, the quotes and claims datasets name each speaker's and source's
 * record, and an import never takes a dataset's records for its own project's.
 */
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projectExport from "@/app/api/projects/[slug]/export/route";
import * as datasetImport from "@/app/api/projects/[slug]/imports/dataset/route";
import { createActorRecord, mergeActorRecords } from "@/lib/actors/mutations";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { prisma } from "@/lib/db/prisma";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";
import type { ExportArticle } from "./shape";
import { assertSlices, assertValid, bodyText, call, person, review, sliceIn, tag, type Person, type Server } from "./test-support";

const TEXT_A =
  "“We will not back down,” said Minister Zoë Álvarez 🗳️ — twice. Ms. Álvarez added: “Never.”\n\nThe mayor’s office said turnout hit 71% 👩🏽‍🤝‍👩🏻.";
const TEXT_B = "😀 Li Wei, a 𝒳 council member, said “no comment” — then left.";

let server: Server;
let slug: string;
const people = {} as Record<"owner" | "editor" | "reviewer" | "importer", Person>;
const ids = {} as Record<"a" | "b" | "zoe" | "msAlvarez" | "mayor" | "quoteNever" | "claim" | "liWei", string>;
const records = {} as Record<"zoe" | "alvarez" | "mayor" | "union" | "foreign", string>;

async function createRecord(projectSlug: string, name: string, fields: { aliases?: string[]; kind?: "person" | "organization" } = {}) {
  const access = (await unsafeOperatorProjectAccess(projectSlug, "annotations:create"))!;
  const input = { name, aliases: fields.aliases ?? [], kind: fields.kind ?? null, description: null, externalId: null };
  return (await createActorRecord(access, input)).id;
}

beforeAll(async () => {
  server = await startCollabServer();
  for (const role of ["owner", "editor", "reviewer", "importer"] as const) people[role] = await person(role);
  ({ slug } = await createProjectWith({ owner: [people.owner], editor: [people.editor], reviewer: [people.reviewer] }));
  const other = await createProjectWith({ owner: [people.importer] });
  records.zoe = await createRecord(slug, "Zoë Álvarez", { aliases: ["Minister Álvarez"], kind: "person" });
  records.alvarez = await createRecord(slug, "Ms. Álvarez", { aliases: ["Álvarez"] });
  records.mayor = await createRecord(slug, "=Mayor’s office", { kind: "organization" });
  records.union = await createRecord(slug, "Teachers’ union");
  records.foreign = await createRecord(other.slug, "Li Wei");
  ids.a = (await createArticle(slug, { title: "Never", text: TEXT_A, url: "https://news.example/never", source: "The Ledger" })).id;
  ids.b = (await createArticle(slug, { title: "No comment", text: TEXT_B })).id;
  const t = (articleId: string, text: string, label: "actor" | "quote" | "claim", words: string, attributes: Record<string, unknown>) =>
    tag(server, people.editor, articleId, text, label, words, attributes);
  ids.zoe = await t(ids.a, TEXT_A, "actor", "Minister Zoë Álvarez", { actorId: records.zoe, canonicalName: "Zoë Álvarez" });
  ids.msAlvarez = await t(ids.a, TEXT_A, "actor", "Ms. Álvarez", { actorId: records.alvarez });
  ids.mayor = await t(ids.a, TEXT_A, "actor", "The mayor’s office", { actorId: records.mayor });
  await t(ids.a, TEXT_A, "quote", "“We will not back down,”", { speakerId: ids.zoe, direct: true });
  ids.quoteNever = await t(ids.a, TEXT_A, "quote", "“Never.”", { speakerId: ids.msAlvarez, direct: true });
  ids.claim = await t(ids.a, TEXT_A, "claim", "turnout hit 71% 👩🏽‍🤝‍👩🏻", { sourceId: ids.mayor });
  ids.liWei = await t(ids.b, TEXT_B, "actor", "Li Wei", {});
  await t(ids.b, TEXT_B, "quote", "“no comment”", { speakerId: ids.liWei, direct: false });
  await review(server, people.reviewer, ids.a, ids.zoe, "accept");
  await review(server, people.reviewer, ids.a, ids.quoteNever, "accept");
  // Ms. Álvarez was Zoë Álvarez all along: her tags now count for Zoë's record.
  const merged = await mergeActorRecords((await unsafeOperatorProjectAccess(slug, "annotations:review"))!, records.alvarez, records.zoe);
  expect(merged.ok).toBe(true);
  // A record of another project is no record of this one. The API refuses such a link (400), so it is
  // written into the projection, which the export reads, as stale data would have it.
  await prisma.annotation.update({ where: { id: ids.liWei }, data: { attributes: { actorId: records.foreign } } });
});

afterAll(async () => {
  await server.close();
});

const exported = async (query: Record<string, string>, who = people.owner, projectSlug = slug) => {
  const response = await call(projectExport.GET, { slug: projectSlug }, { token: who.token, query });
  expect(response.status, await response.clone().text()).toBe(200);
  return response;
};
const text = async (query: Record<string, string>) => bodyText(await exported(query));
const lines = (body: string) =>
  body
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("actor records in the export", () => {
  it("json: an actor tag carries the root record after a merge, and none when it names no record of the project", async () => {
    for (const unit of ["codepoint", "utf16"] as const) {
      const document = JSON.parse(await text({ format: "json", offsetUnit: unit })) as { articles: ExportArticle[] };
      assertValid(document);
      expect(assertSlices(document.articles, unit)).toBe(8);
      const tags = new Map(document.articles.flatMap((article) => article.tags.map((item) => [item.id, item])));
      expect(tags.get(ids.zoe)!.attributes).toEqual({ canonicalName: "Zoë Álvarez", actorId: records.zoe, actorName: "Zoë Álvarez" });
      expect(tags.get(ids.msAlvarez)!.attributes).toEqual({ actorId: records.zoe, actorName: "Zoë Álvarez" });
      expect(tags.get(ids.liWei)!.attributes).toEqual({});
    }
  });

  it("csv, w3c, labelstudio and brat name the same record", async () => {
    const csv = (await text({ format: "csv" })).split("\r\n");
    const columns = csv[0]!.split(",");
    expect(columns.slice(columns.indexOf("actor_kind"), columns.indexOf("actor_kind") + 3)).toEqual([
      "actor_kind",
      "actor_id",
      "actor_name",
    ]);
    // Ms. Álvarez's row: no canonical name, no kind, then the root record she counts for.
    expect(csv.find((line) => line.startsWith(`${ids.a},Never,${ids.msAlvarez},actor,`))).toContain(`,,${records.zoe},Zoë Álvarez,`);
    expect(csv.find((line) => line.includes(`,${records.mayor},`))).toContain(`,${records.mayor},'=Mayor’s office,`);

    const w3c = JSON.parse(await text({ format: "w3c" })) as { first: { items: { id: string; body: unknown[] }[] } };
    const body = w3c.first.items.find((item) => item.id === `urn:margin:tag:${ids.msAlvarez}`)!.body;
    expect(body).toContainEqual({
      type: "SpecificResource",
      purpose: "identifying",
      source: { id: `urn:margin:actor:${records.zoe}`, label: "Zoë Álvarez" },
    });

    const tasks = JSON.parse(await text({ format: "labelstudio" })) as { annotations: { result: { id: string; meta?: unknown }[] }[] }[];
    const regions = tasks.flatMap((task) => task.annotations.flatMap((annotation) => annotation.result));
    expect(regions.find((region) => region.id === ids.msAlvarez)!.meta).toEqual({
      text: [`Actor record: Zoë Álvarez (${records.zoe})`],
      margin: { actorId: records.zoe, actorName: "Zoë Álvarez" },
    });

    const zip = unzipSync(new Uint8Array(await (await exported({ format: "brat" })).arrayBuffer()));
    const ann = strFromU8(Object.entries(zip).find(([name]) => name.endsWith(`${ids.a}.ann`))![1]);
    expect(ann.match(/AnnotatorNotes T\d+\tactor record: .*/g)).toEqual([
      `AnnotatorNotes T2\tactor record: ${records.zoe} (Zoë Álvarez)`,
      `AnnotatorNotes T3\tactor record: ${records.zoe} (Zoë Álvarez)`,
      `AnnotatorNotes T5\tactor record: ${records.mayor} (=Mayor’s office)`,
    ]);
  });

  it("actors-json: one entry per root, merges folded in, counted from the exported tags only", async () => {
    const response = await exported({ format: "actors-json" });
    expect(response.headers.get("content-disposition")).toMatch(/\.actors-json\.json"$/);
    expect(response.headers.get("x-margin-offset-unit")).toBe("none");
    const document = JSON.parse(await bodyText(response)) as { actors: Record<string, unknown>[]; listed: string };
    assertValid(document, "actors");
    expect(document.listed).toBe("all");
    const counts = document.actors.map((entry) => [entry.name, entry.mentions, entry.quotes, entry.claims]);
    expect(counts).toEqual([
      ["=Mayor’s office", 1, 0, 1],
      ["Teachers’ union", 0, 0, 0],
      ["Zoë Álvarez", 2, 2, 0],
    ]);
    expect(document.actors[2]).toMatchObject({ id: records.zoe, aliases: ["Minister Álvarez", "Ms. Álvarez", "Álvarez"] });
    expect(document.actors[2]!.mergedIds).toEqual([records.alvarez]);
    // The gold layer only: Zoë's accepted mention and her accepted quote (whose speaker tag is pending) remain.
    const gold = JSON.parse(await text({ format: "actors-json", status: "accepted" })) as { actors: Record<string, unknown>[] };
    expect(gold.actors.map((entry) => [entry.name, entry.mentions, entry.quotes])).toEqual([
      ["=Mayor’s office", 0, 0],
      ["Teachers’ union", 0, 0],
      ["Zoë Álvarez", 1, 0],
    ]);
    const csv = (await text({ format: "actors-csv" })).split("\r\n");
    expect(csv[0]).toBe("actor_id,name,aliases,kind,description,external_id,merged_ids,mentions,quotes,claims");
    expect(csv[1]).toBe(`${records.mayor},'=Mayor’s office,,organization,,,,1,0,1`);
    expect(csv[3]).toBe(`${records.zoe},Zoë Álvarez,Minister Álvarez; Ms. Álvarez; Álvarez,person,,,${records.alvarez},2,2,0`);
  });

  it("refuses offsetUnit=utf16 for the actors formats, which carry no offsets", async () => {
    const response = await call(
      projectExport.GET,
      { slug },
      { token: people.owner.token, query: { format: "actors-csv", offsetUnit: "utf16" } },
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ field: "offsetUnit", message: expect.stringMatching(/carries no offsets/) });
  });

  it.each(["codepoint", "utf16"] as const)("quotes and claims datasets name the speaker's and source's root record (%s)", async (unit) => {
    const quotes = lines(await text({ format: "quotes-jsonl", offsetUnit: unit }));
    const texts = { [ids.a]: TEXT_A, [ids.b]: TEXT_B };
    for (const row of quotes) expect(sliceIn(texts[row.articleId as string]!, row.start as number, row.end as number, unit)).toBe(row.text);
    const never = quotes.find((row) => row.quoteId === ids.quoteNever)!;
    expect(never).toMatchObject({
      status: "accepted",
      direct: true,
      articleUrl: "https://news.example/never",
      articleSource: "The Ledger",
    });
    expect(never).toMatchObject({
      speakerTagId: ids.msAlvarez,
      speakerText: "Ms. Álvarez",
      speakerActorId: records.zoe,
      speakerActorName: "Zoë Álvarez",
    });
    expect(quotes.find((row) => row.text === "“no comment”")).toMatchObject({ speakerText: "Li Wei", speakerActorId: null, direct: false });
    const claims = lines(await text({ format: "claims-jsonl", offsetUnit: unit }));
    expect(claims).toEqual([
      expect.objectContaining({ claimId: ids.claim, sourceActorId: records.mayor, sourceActorName: "=Mayor’s office" }),
    ]);
    const claim = claims[0]!;
    expect(sliceIn(TEXT_A, claim.start as number, claim.end as number, unit)).toBe("turnout hit 71% 👩🏽‍🤝‍👩🏻");
    const csv = (await text({ format: "claims-csv", offsetUnit: unit })).split("\r\n");
    expect(csv[1]).toBe(
      `${ids.claim},turnout hit 71% 👩🏽‍🤝‍👩🏻,${claim.start},${claim.end},pending,${ids.a},Never,https://news.example/never,,The Ledger,${ids.mayor},The mayor’s office,${records.mayor},'=Mayor’s office`,
    );
    expect((await text({ format: "quotes-csv", offsetUnit: unit })).split("\r\n")).toHaveLength(quotes.length + 2);
  });

  it("an import takes no record id from a dataset: its actor tags are linked to the importing project's records by name", async () => {
    const dataset = await text({ format: "json" });
    const other = await createProjectWith({ owner: [people.importer] });
    const response = await call(
      datasetImport.POST,
      { slug: other.slug },
      { token: people.importer.token, body: dataset, query: { name: "d.json" } },
    );
    expect(response.status, await response.clone().text()).toBe(200);
    expect((await response.json()).counts).toMatchObject({ imported: 2, failed: 0 });
    const actors = await prisma.annotation.findMany({
      where: { label: "actor", article: { projectId: other.projectId } },
      select: { attributes: true },
    });
    const attributes = actors.map((row) => row.attributes as Record<string, unknown>);
    expect(attributes).toHaveLength(4);
    const made = await prisma.actorRecord.findMany({ where: { projectId: other.projectId } });
    const zoe = made.find((record) => record.name === "Zoë Álvarez")!;
    // The root's name (actorName) is the canonical name of a tag that had none ("Ms. Álvarez").
    expect(attributes.filter((item) => item.actorId === zoe.id)).toHaveLength(2);
    expect(attributes).toContainEqual({ canonicalName: "Zoë Álvarez", actorId: zoe.id });
    for (const item of attributes) {
      expect(Object.values(records)).not.toContain(item.actorId);
      expect(item).not.toHaveProperty("actorName");
    }
  });
});
