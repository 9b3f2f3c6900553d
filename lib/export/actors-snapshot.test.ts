/**
 * The actor registry's formats where exports differ by who asks and when: a blind annotator's records, the
 * article route, and snapshots, which replay the quotes and claims datasets as they were that day but
 * cannot list a registry they never stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as articleExport from "@/app/api/articles/[id]/export/route";
import * as projectExport from "@/app/api/projects/[slug]/export/route";
import * as snapshotRoute from "@/app/api/projects/[slug]/snapshots/[id]/route";
import * as snapshotsRoute from "@/app/api/projects/[slug]/snapshots/route";
import { createActorRecord, mergeActorRecords } from "@/lib/actors/mutations";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { prisma } from "@/lib/db/prisma";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";
import { assertValid, bodyText, call, person, sliceIn, tag, type Person, type Server } from "./test-support";

const TEXT = "👍🏽 “Polls close at 8 p.m.,” said Ana Ruiz — the county clerk 🗳️ — adding that 71% had voted.";

let server: Server;
let slug: string;
let articleId: string;
const people = {} as Record<"owner" | "ana" | "ben", Person>;
const records = {} as Record<"ruiz" | "clerk" | "union", string>;
const ids = {} as Record<"ruiz" | "quote" | "clerk" | "claim", string>;

beforeAll(async () => {
  server = await startCollabServer();
  for (const role of ["owner", "ana", "ben"] as const) people[role] = await person(role);
  const project = await createProjectWith({ owner: [people.owner], editor: [people.ana, people.ben] });
  slug = project.slug;
  const access = (await unsafeOperatorProjectAccess(slug, "annotations:create"))!;
  const record = async (name: string) =>
    (await createActorRecord(access, { name, aliases: [], kind: null, description: null, externalId: null })).id;
  records.ruiz = await record("Ana Ruiz");
  records.clerk = await record("County clerk");
  records.union = await record("Teachers’ union");
  articleId = (await createArticle(slug, { title: "Polls", text: TEXT })).id;
  ids.ruiz = await tag(server, people.ana, articleId, TEXT, "actor", "Ana Ruiz", { actorId: records.ruiz });
  ids.quote = await tag(server, people.ana, articleId, TEXT, "quote", "“Polls close at 8 p.m.,”", { speakerId: ids.ruiz, direct: true });
  ids.clerk = await tag(server, people.ben, articleId, TEXT, "actor", "the county clerk 🗳️", { actorId: records.clerk });
  ids.claim = await tag(server, people.ben, articleId, TEXT, "claim", "71% had voted", { sourceId: ids.clerk });
  // Agreement study: editors see only their own tags until they mark their work done.
  await prisma.project.update({ where: { id: project.projectId }, data: { blindAnnotation: true } });
});

afterAll(async () => {
  await server.close();
});

const live = async (who: Person, query: Record<string, string>) => {
  const response = await call(projectExport.GET, { slug }, { token: who.token, query });
  expect(response.status, await response.clone().text()).toBe(200);
  return bodyText(response);
};
const actorsOf = async (who: Person) =>
  JSON.parse(await live(who, { format: "actors-json" })) as Record<string, unknown> & {
    actors: { id: string; mentions: number; quotes: number; claims: number }[];
  };

describe("actor records by who asks and when", () => {
  it("lists a blind annotator only the records their own exported tags name, with their own counts", async () => {
    const ana = await actorsOf(people.ana);
    assertValid(ana, "actors");
    expect(ana.listed).toBe("named");
    expect(ana.actors.map(({ id, mentions, quotes, claims }) => [id, mentions, quotes, claims])).toEqual([[records.ruiz, 1, 1, 0]]);
    const owner = await actorsOf(people.owner);
    expect(owner.listed).toBe("all");
    expect(owner.actors.map((entry) => entry.id)).toEqual([records.ruiz, records.clerk, records.union]);
    // Ben's claim is not Ana's to see, nor is it in her claims dataset.
    expect(await live(people.ana, { format: "claims-jsonl" })).toBe("");
  });

  it("exports one article's quotes through the article route, its offsets slicing the text in either unit", async () => {
    for (const unit of ["codepoint", "utf16"] as const) {
      const response = await call(
        articleExport.GET,
        { id: articleId },
        { token: people.owner.token, query: { format: "quotes-jsonl", offsetUnit: unit } },
      );
      expect(response.status).toBe(200);
      expect(response.headers.get("x-margin-offset-unit")).toBe(unit);
      const [row, ...rest] = (await bodyText(response))
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(rest).toEqual([]);
      assertValid(row, "quoteRow");
      expect(sliceIn(TEXT, row!.start as number, row!.end as number, unit)).toBe("“Polls close at 8 p.m.,”");
      expect(row!.start).toBe(unit === "codepoint" ? 3 : 5);
      expect(row).toMatchObject({ speakerTagId: ids.ruiz, speakerActorId: records.ruiz, speakerActorName: "Ana Ruiz" });
    }
  });

  it("replays the quotes and claims datasets from a snapshot as they were, after a merge changed the live ones", async () => {
    const before = {
      quotes: await live(people.owner, { format: "quotes-jsonl" }),
      claims: await live(people.owner, { format: "claims-csv" }),
    };
    expect(before.claims).toContain(`,${records.clerk},County clerk`);
    const saved = await call(snapshotsRoute.POST, { slug }, { token: people.owner.token, body: { name: "Election night" } });
    expect(saved.status).toBe(201);
    const { snapshot } = await saved.json();
    // The clerk was Ana Ruiz: her record absorbs the clerk's, and the live claim now counts for her.
    const review = (await unsafeOperatorProjectAccess(slug, "annotations:review"))!;
    expect((await mergeActorRecords(review, records.clerk, records.ruiz)).ok).toBe(true);
    const after = await live(people.owner, { format: "claims-csv" });
    expect(after).toContain(`,${records.ruiz},Ana Ruiz`);
    expect(after).not.toBe(before.claims);

    const download = (query: Record<string, string>) =>
      call(snapshotRoute.GET, { slug, id: snapshot.id }, { token: people.owner.token, query });
    expect(await bodyText(await download({ format: "quotes-jsonl" }))).toBe(before.quotes);
    const claims = await download({ format: "claims-csv" });
    expect(claims.headers.get("content-disposition")).toMatch(/\.claims-csv\.csv"/);
    expect(await bodyText(claims)).toBe(before.claims);
    for (const format of ["actors-json", "actors-csv"]) {
      const refused = await download({ format });
      expect(refused.status).toBe(400);
      expect((await refused.json()).error).toMatchObject({ field: "format", message: expect.stringMatching(/not the actor registry/) });
    }
  });
});
