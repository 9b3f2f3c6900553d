/**
 * The actor registry through its routes, with tags made by the live operations (as the editor and the API
 * make them): records linked by the alias rule, merge and split, counts and the actor page under the
 * blind rule, the consistency checks, and refusals that write nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as listRoute from "@/app/api/projects/[slug]/actors/route";
import * as namesRoute from "@/app/api/projects/[slug]/actors/names/route";
import * as checksRoute from "@/app/api/projects/[slug]/actors/checks/route";
import * as recordRoute from "@/app/api/projects/[slug]/actors/[actorId]/route";
import * as timelineRoute from "@/app/api/projects/[slug]/actors/[actorId]/timeline/route";
import * as mergeRoute from "@/app/api/projects/[slug]/actors/[actorId]/merge/route";
import * as splitRoute from "@/app/api/projects/[slug]/actors/[actorId]/split/route";
import * as tagRoute from "@/app/api/annotations/[id]/route";
import { authorizeArticle } from "@/lib/auth/project-access";
import { prisma } from "@/lib/db/prisma";
import { person, tag, type Person, type Server } from "@/lib/export/test-support";
import { setWorkDone } from "@/lib/review/mutations";
import { actorFor } from "@/lib/testing/actors";
import { callRoute } from "@/lib/testing/api";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";

// Curly quotes, an em dash and an emoji before the tags: offsets are code points.
const FIRST =
  "“We will not sign,” said Steve Witkoff — the U.S. special envoy 🇺🇸 — on Monday. Mr. Witkoff’s team left. Witkoff said talks would resume.";
const SECOND = "Henrik Brandt said 40 percent of the budget was gone. Brandt’s deputy disagreed.";

let server: Server;
let owner: Person;
let editor: Person;
let colleague: Person;

beforeAll(async () => {
  server = await startCollabServer();
  [owner, editor, colleague] = await Promise.all([person("Owner"), person("Editor"), person("Colleague")]);
});

afterAll(async () => {
  await server.close();
});

async function project(blind = false) {
  const { slug, projectId } = await createProjectWith({ owner: [owner], editor: [editor, colleague] });
  if (blind) await prisma.project.update({ where: { id: projectId }, data: { blindAnnotation: true } });
  const first = (await createArticle(slug, { title: "Talks", text: FIRST, publishedAt: new Date("2025-03-02") })).id;
  const second = (await createArticle(slug, { title: "Budget", text: SECOND, publishedAt: new Date("2025-01-15") })).id;
  return { slug, projectId, first, second };
}

const createRecord = async (who: Person, slug: string, body: Record<string, unknown>) =>
  callRoute(listRoute.POST, { params: { slug }, token: who.token, body });

const list = async (who: Person, slug: string, query: Record<string, string> = {}) =>
  (await callRoute(listRoute.GET, { params: { slug }, token: who.token, query })).body as {
    actors: { id: string; name: string; mentions: number; quotes: number; claims: number; articles: number }[];
    total: number;
  };

const timeline = async (who: Person, slug: string, actorId: string, query: Record<string, string> = {}) =>
  (await callRoute(timelineRoute.GET, { params: { slug, actorId }, token: who.token, query })).body as {
    rootId: string;
    items: {
      kind: string;
      id: string;
      text: string;
      start: number;
      end: number;
      articleTitle: string;
      figures: { text: string }[];
      by: string | null;
    }[];
    coActors: { id: string; name: string; articles: number }[];
  };

const attributesOf = async (id: string) =>
  (await prisma.annotation.findUniqueOrThrow({ where: { id } })).attributes as Record<string, unknown>;

describe("the actor registry", () => {
  it("links new actor tags by name, alias, title, possessive and surname, and counts them", async () => {
    const { slug, first } = await project();
    const witkoff = (await createRecord(editor, slug, { name: "Steve Witkoff", kind: "person", aliases: ["the U.S. special envoy"] })).body
      .actor;
    const full = await tag(server, editor, first, FIRST, "actor", "Steve Witkoff");
    const envoy = await tag(server, editor, first, FIRST, "actor", "the U.S. special envoy");
    const mister = await tag(server, editor, first, FIRST, "actor", "Mr. Witkoff’s");
    const surname = await tag(server, editor, first, FIRST, "actor", "Witkoff", undefined, 3);
    for (const id of [full, envoy, mister, surname]) expect((await attributesOf(id)).actorId).toBe(witkoff.id);
    const quote = await tag(server, editor, first, FIRST, "quote", "“We will not sign,”", { speakerId: full, direct: true });
    await tag(server, editor, first, FIRST, "claim", "talks would resume", { sourceId: surname });
    const [row] = (await list(editor, slug)).actors;
    expect(row).toMatchObject({ id: witkoff.id, mentions: 4, quotes: 1, claims: 1, articles: 1 });
    const page = await timeline(editor, slug, witkoff.id);
    const quoted = page.items.find((item) => item.id === quote)!;
    expect(quoted).toMatchObject({ kind: "quote", text: "“We will not sign,”", by: "Steve Witkoff" });
    // The page's offsets are code points into the stored text.
    expect([...FIRST].slice(quoted.start, quoted.end).join("")).toBe(quoted.text);
    // The history of a linked tag says which rule linked it.
    const ruleOf = async (id: string) =>
      ((await prisma.annotationEvent.findFirstOrThrow({ where: { annotationId: id, kind: "created" } })).data as { actorLinkedBy?: string })
        .actorLinkedBy;
    expect(await ruleOf(full)).toBe("registry");
    expect(await ruleOf(mister)).toBe("surname");
    // "Witkoff" alone: the same words as "Mr. Witkoff’s" once title and possessive are set aside.
    expect(await ruleOf(surname)).toBe("same-words");
  });

  it("makes a record of a canonical name given without one, and refuses an unknown record", async () => {
    const { slug, first, projectId } = await project();
    const id = await tag(server, editor, first, FIRST, "actor", "Steve Witkoff", { canonicalName: "Steve Witkoff", kind: "person" });
    const record = await prisma.actorRecord.findFirstOrThrow({ where: { projectId } });
    expect(record).toMatchObject({ name: "Steve Witkoff", kind: "person", rootId: record.id });
    expect((await attributesOf(id)).actorId).toBe(record.id);
    const refused = await callRoute(tagRoute.PATCH, {
      params: { id },
      token: editor.token,
      method: "PATCH",
      body: { attributes: { actorId: "no-such-record" } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('no actor record "no-such-record"');
    expect((await attributesOf(id)).actorId).toBe(record.id);
    void slug;
  });

  it("merges a record into another and splits it off again, each with its history", async () => {
    const { slug, first, second } = await project();
    const brandt = (await createRecord(owner, slug, { name: "Henrik Brandt" })).body.actor;
    const witkoff = (await createRecord(owner, slug, { name: "Steve Witkoff" })).body.actor;
    await tag(server, editor, second, SECOND, "actor", "Henrik Brandt");
    await tag(server, editor, first, FIRST, "actor", "Steve Witkoff");
    // An editor may not merge; a reviewer or owner may.
    expect(
      (await callRoute(mergeRoute.POST, { params: { slug, actorId: witkoff.id }, token: editor.token, body: { into: brandt.id } })).status,
    ).toBe(403);
    const merged = await callRoute(mergeRoute.POST, {
      params: { slug, actorId: witkoff.id },
      token: owner.token,
      body: { into: brandt.id },
    });
    expect(merged.status).toBe(200);
    expect((await list(owner, slug)).actors).toEqual([expect.objectContaining({ id: brandt.id, mentions: 2, articles: 2 })]);
    // A merged record's page answers for the record it counts for, in the articles' order of publication.
    const page = await timeline(owner, slug, witkoff.id);
    expect(page.rootId).toBe(brandt.id);
    expect(page.items.map((item) => item.articleTitle)).toEqual(["Budget", "Talks"]);
    // The merged record's names link new tags to the root.
    const later = await tag(server, editor, first, FIRST, "actor", "Witkoff", undefined, 3);
    expect((await attributesOf(later)).actorId).toBe(brandt.id);
    expect(
      (await callRoute(mergeRoute.POST, { params: { slug, actorId: witkoff.id }, token: owner.token, body: { into: brandt.id } })).status,
    ).toBe(409);
    const split = await callRoute(splitRoute.POST, { params: { slug, actorId: witkoff.id }, token: owner.token, body: {} });
    expect(split.status).toBe(200);
    const counts = Object.fromEntries((await list(owner, slug)).actors.map((row) => [row.name, row.mentions]));
    // The tag linked while merged was linked to the root: it stays there.
    expect(counts).toEqual({ "Henrik Brandt": 2, "Steve Witkoff": 1 });
    const shown = await callRoute(recordRoute.GET, { params: { slug, actorId: witkoff.id }, token: editor.token });
    expect(shown.body.actor.history.map((event: { kind: string }) => event.kind)).toEqual(["split", "merged", "created"]);
    expect((await callRoute(splitRoute.POST, { params: { slug, actorId: witkoff.id }, token: owner.token, body: {} })).status).toBe(409);
  });

  it("searches names and aliases, sorts, and changes a record with its history", async () => {
    const { slug } = await project();
    const record = (await createRecord(editor, slug, { name: "Kessler & Voss", kind: "organization", aliases: ["K&V"] })).body.actor;
    await createRecord(editor, slug, { name: "Anna Smith" });
    expect((await list(editor, slug, { q: "k&v" })).actors.map((row) => row.name)).toEqual(["Kessler & Voss"]);
    expect((await list(editor, slug, { q: "%" })).total).toBe(0);
    expect((await list(editor, slug, { sort: "name" })).actors.map((row) => row.name)).toEqual(["Anna Smith", "Kessler & Voss"]);
    // Past the last page: no rows, and still the total.
    expect(await list(editor, slug, { offset: "5" })).toEqual({ actors: [], total: 2 });
    const changed = await callRoute(recordRoute.PATCH, {
      params: { slug, actorId: record.id },
      token: editor.token,
      method: "PATCH",
      body: { externalId: "Q42", aliases: ["K&V", "KV", "kv", "Kessler & Voss"] },
    });
    expect(changed.body.actor).toMatchObject({ externalId: "Q42", aliases: ["K&V", "KV"] });
    const shown = (await callRoute(recordRoute.GET, { params: { slug, actorId: record.id }, token: editor.token })).body.actor;
    expect(shown.history[0]).toMatchObject({ kind: "changed", details: { before: { externalId: null }, after: { externalId: "Q42" } } });
    const names = (await callRoute(namesRoute.GET, { params: { slug }, token: editor.token })).body.actors;
    expect(names.map((row: { name: string }) => row.name)).toEqual(["Anna Smith", "Kessler & Voss"]);
  });

  it("refuses bad input with a clear message and writes nothing", async () => {
    const { slug, projectId } = await project();
    const empty = await createRecord(editor, slug, { name: "  " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain("name must not be empty");
    expect((await createRecord(editor, slug, { name: "X", kind: "alien" })).body.error.message).toContain("kind must be one of");
    expect((await createRecord(editor, slug, { name: "X\u0000" })).status).toBe(400);
    expect((await list(editor, slug, { sort: "height" })).actors).toBeUndefined();
    expect(await prisma.actorRecord.count({ where: { projectId } })).toBe(0);
    const missing = await callRoute(recordRoute.GET, { params: { slug, actorId: "nobody" }, token: editor.token });
    expect(missing.status).toBe(404);
    const self = (await createRecord(owner, slug, { name: "Solo" })).body.actor;
    const loop = await callRoute(mergeRoute.POST, { params: { slug, actorId: self.id }, token: owner.token, body: { into: self.id } });
    expect(loop.status).toBe(400);
  });

  it("shows a blind annotator no counts or quotes of colleagues' tags until they are done", async () => {
    const { slug, first } = await project(true);
    const witkoff = (await createRecord(owner, slug, { name: "Steve Witkoff" })).body.actor;
    const speaker = await tag(server, colleague, first, FIRST, "actor", "Steve Witkoff");
    await tag(server, colleague, first, FIRST, "quote", "“We will not sign,”", { speakerId: speaker });
    expect((await list(editor, slug)).actors).toEqual([expect.objectContaining({ id: witkoff.id, mentions: 0, quotes: 0 })]);
    expect((await timeline(editor, slug, witkoff.id)).items).toEqual([]);
    expect((await list(owner, slug)).actors[0]).toMatchObject({ mentions: 1, quotes: 1 });
    const access = await authorizeArticle(await actorFor(editor), first, "annotations:create");
    if (!access.ok) throw new Error(access.message);
    await setWorkDone(access.value, true);
    expect((await list(editor, slug)).actors[0]).toMatchObject({ mentions: 1, quotes: 1 });
  });

  it("lists what a reviewer should check", async () => {
    const { slug, first, second } = await project();
    const witkoff = (await createRecord(owner, slug, { name: "Steve Witkoff", kind: "person" })).body.actor;
    const other = (await createRecord(owner, slug, { name: "Someone Else" })).body.actor;
    await tag(server, editor, first, FIRST, "actor", "Steve Witkoff", { actorId: witkoff.id, kind: "organization" });
    await tag(server, colleague, first, FIRST, "actor", "Steve Witkoff", { actorId: other.id });
    const unlinked = await tag(server, editor, second, SECOND, "actor", "Henrik Brandt");
    const quote = await tag(server, editor, second, SECOND, "quote", "40 percent of the budget was gone");
    const checks = (await callRoute(checksRoute.GET, { params: { slug }, token: owner.token })).body;
    expect(checks.unlinked.tags.map((row: { id: string }) => row.id)).toEqual([unlinked]);
    expect(checks.quotesWithoutSpeaker).toMatchObject({ total: 1, tags: [{ id: quote }] });
    expect(checks.claimsWithoutSource.total).toBe(0);
    expect(checks.kinds).toEqual([
      {
        id: witkoff.id,
        name: "Steve Witkoff",
        kinds: expect.arrayContaining([
          { kind: "person", tags: 0 },
          { kind: "organization", tags: 1 },
        ]),
      },
    ]);
    expect(checks.sameWords).toHaveLength(1);
    expect(checks.sameWords[0].records.map((row: { id: string }) => row.id).sort()).toEqual([witkoff.id, other.id].sort());
  });
});
