import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projectExport from "@/app/api/projects/[slug]/export/route";
import * as snapshotRoute from "@/app/api/projects/[slug]/snapshots/[id]/route";
import * as diffRoute from "@/app/api/projects/[slug]/snapshots/diff/route";
import * as snapshotsRoute from "@/app/api/projects/[slug]/snapshots/route";
import { authorizeArticle } from "@/lib/auth/project-access";
import { prisma } from "@/lib/db/prisma";
import { actorFor } from "@/lib/testing/actors";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";
import { gzipChunks } from "./snapshot-bytes";
import { bodyText, call, jsonlArticles, person, review, tag, type Person, type Server } from "./test-support";

const TEXT = "“Turnout hit 71%,” said the clerk, Ana Ruiz 🗳️ — a record.\n\nMore than 200 volunteers 👩🏽‍🤝‍👩🏻 counted overnight.";
const OTHER = "The 𝒳 council met at dawn; its chair said “no comment”.";

let server: Server;
let slug: string;
let projectId: string;
const people = {} as Record<"owner" | "editor" | "reviewer" | "viewer" | "outsider", Person>;
const ids = {} as Record<"article" | "other" | "actor" | "quote" | "figure" | "volunteers", string>;

beforeAll(async () => {
  server = await startCollabServer();
  for (const role of ["owner", "editor", "reviewer", "viewer", "outsider"] as const) people[role] = await person(role);
  ({ slug, projectId } = await createProjectWith({
    owner: [people.owner],
    editor: [people.editor],
    reviewer: [people.reviewer],
    viewer: [people.viewer],
  }));
  ids.article = (await createArticle(slug, { title: "Turnout", text: TEXT })).id;
  ids.other = (await createArticle(slug, { title: "Council", text: OTHER })).id;
  ids.actor = await tag(server, people.editor, ids.article, TEXT, "actor", "Ana Ruiz", { canonicalName: "Ana Ruiz", kind: "person" });
  ids.quote = await tag(server, people.editor, ids.article, TEXT, "quote", "“Turnout hit 71%,”", { speakerId: ids.actor, direct: true });
  ids.figure = await tag(server, people.editor, ids.article, TEXT, "figure", "71%");
  ids.volunteers = await tag(server, people.editor, ids.article, TEXT, "figure", "More than 200 volunteers");
  await review(server, people.reviewer, ids.article, ids.actor, "accept");
});

afterAll(async () => {
  await server.close();
});

const save = (who: Person, body: unknown) => call(snapshotsRoute.POST, { slug }, { token: who.token, body });
const download = (who: Person, id: string, query: Record<string, string> = {}) =>
  call(snapshotRoute.GET, { slug, id }, { token: who.token, query });
const live = async (query: Record<string, string>) =>
  bodyText(await call(projectExport.GET, { slug }, { token: people.owner.token, query }));
const liveBytes = async (query: Record<string, string>) =>
  Buffer.from(await (await call(projectExport.GET, { slug }, { token: people.owner.token, query })).arrayBuffer());
const editorAccess = async () => {
  const access = await authorizeArticle(await actorFor(people.editor), ids.article, "annotations:create");
  if (!access.ok) throw new Error(access.message);
  return access.value;
};

describe("snapshots", () => {
  let first: { id: string; contentHash: string };
  const before: Record<string, string> = {};
  let bratBefore: Buffer;

  it("saves the export with its filters, dataset version, counts, size, author and date", async () => {
    for (const format of ["jsonl", "json", "csv", "w3c", "conll", "conll-columns", "spacy", "labelstudio", "doccano"])
      before[format] = await live({ format });
    bratBefore = await liveBytes({ format: "brat" });
    before.utf16 = await live({ format: "jsonl", offsetUnit: "utf16" });
    const response = await save(people.owner, { name: "Before the recount" });
    expect(response.status).toBe(201);
    const { snapshot } = await response.json();
    expect(snapshot).toMatchObject({
      name: "Before the recount",
      filters: { status: "all" },
      offsetUnit: "codepoint",
      contentHash: createHash("sha256").update(before.jsonl!).digest("hex"),
      articleCount: 2,
      tagCount: 4,
      byteSize: Buffer.byteLength(before.jsonl!),
      createdBy: { id: people.owner.id, email: people.owner.email },
    });
    first = snapshot;
    // Stored as gzip chunks that inflate to the jsonl body.
    const chunks = await prisma.exportSnapshotChunk.findMany({ where: { snapshotId: snapshot.id }, orderBy: { seq: "asc" } });
    expect(chunks.map((chunk) => chunk.seq)).toEqual(chunks.map((_, index) => index));
    expect(gunzipSync(Buffer.concat(chunks.map((chunk) => chunk.data))).toString("utf8")).toBe(before.jsonl);
    const list = await (await call(snapshotsRoute.GET, { slug }, { token: people.viewer.token })).json();
    expect(list.snapshots.map((item: { name: string }) => item.name)).toEqual(["Before the recount"]);
  });

  it("downloads the same bytes later, after the data changed, in every format", async () => {
    const access = await editorAccess();
    expect((await server.live.update(access, ids.figure, { label: "claim", attributes: {} })).ok).toBe(true);
    expect((await server.live.delete(access, ids.volunteers)).ok).toBe(true);
    await review(server, people.reviewer, ids.article, ids.quote, "reject", "Paraphrase, not a quote");
    ids.volunteers = await tag(server, people.editor, ids.other, OTHER, "actor", "its chair");
    expect(await live({ format: "jsonl" })).not.toBe(before.jsonl);

    const stored = await download(people.owner, first.id);
    expect(stored.headers.get("x-margin-dataset-version")).toBe(first.contentHash);
    expect(stored.headers.get("content-disposition")).toBe(
      `attachment; filename="${slug}-Before_the_recount.jsonl"; filename*=UTF-8''${encodeURIComponent(`${slug}-Before the recount.jsonl`)}`,
    );
    expect(await bodyText(stored)).toBe(before.jsonl);
    for (const format of ["json", "csv", "w3c", "conll", "conll-columns", "spacy", "labelstudio", "doccano"])
      expect(await bodyText(await download(people.owner, first.id, { format })), format).toBe(before[format]);
    // brat's zip is bytes, not text: the replay gives the same archive.
    const brat = await download(people.owner, first.id, { format: "brat" });
    expect(brat.headers.get("content-type")).toBe("application/zip");
    expect(Buffer.from(await brat.arrayBuffer()).equals(bratBefore)).toBe(true);
    expect(await bodyText(await download(people.owner, "Before the recount", { offsetUnit: "utf16" }))).toBe(before.utf16);
  });

  it("lists what changed between two snapshots", async () => {
    const second = (await (await save(people.owner, { name: "After the recount" })).json()).snapshot;
    const response = await call(diffRoute.GET, { slug }, { token: people.owner.token, query: { from: first.id, to: "After the recount" } });
    expect(response.status).toBe(200);
    const diff = await response.json();
    expect(diff.from.id).toBe(first.id);
    expect(diff.to.id).toBe(second.id);
    expect(diff.summary).toEqual({
      tags: { added: 1, removed: 1, changed: 2, unchanged: 1 },
      articles: { added: 0, removed: 0, changed: 2, unchanged: 0 },
    });
    const byTag = Object.fromEntries(diff.changes.map((change: { tagId: string }) => [change.tagId, change]));
    expect(byTag[ids.figure]).toMatchObject({
      type: "changed",
      fields: ["label", "attributes"],
      before: { label: "figure", attributes: { value: 71, unit: "percent" } },
      after: { label: "claim", attributes: {} },
    });
    expect(byTag[ids.quote]).toMatchObject({
      type: "changed",
      fields: ["status", "reviews"],
      before: { status: "pending" },
      after: { status: "rejected" },
    });
    expect(byTag[ids.volunteers]).toMatchObject({ type: "added", articleId: ids.other, tag: { label: "actor", text: "its chair" } });
    expect(diff.changes.find((change: { type: string }) => change.type === "removed")).toMatchObject({
      articleId: ids.article,
      tag: { text: "More than 200 volunteers" },
    });
    expect(diff.truncated).toBe(false);
    const short = await (
      await call(diffRoute.GET, { slug }, { token: people.owner.token, query: { from: first.id, to: second.id, limit: "1" } })
    ).json();
    expect(short).toMatchObject({ truncated: true, summary: diff.summary });
    expect(short.changes).toHaveLength(1);
  });

  it("refuses a taken name (409), bad input (400) and unknown snapshots (404)", async () => {
    const taken = await save(people.editor, { name: "Before the recount" });
    expect(taken.status).toBe(409);
    expect((await taken.json()).error).toMatchObject({ code: "conflict", field: "name" });
    expect(await prisma.exportSnapshot.count({ where: { projectId } })).toBe(2);
    for (const [body, field] of [
      [{}, "name"],
      [{ name: "  " }, "name"],
      [{ name: "x", filters: { labels: "person" } }, "filters.labels"],
      [{ name: "x", filters: { colour: "red" } }, "filters.colour"],
      [{ name: "x", extra: 1 }, "extra"],
    ] as const) {
      const response = await save(people.owner, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).error.field).toBe(field);
    }
    expect((await download(people.owner, "no-such-snapshot")).status).toBe(404);
    expect((await download(people.owner, first.id, { format: "xml" })).status).toBe(400);
    expect((await call(diffRoute.GET, { slug }, { token: people.owner.token, query: { from: first.id } })).status).toBe(400);
    expect(await prisma.exportSnapshot.count({ where: { projectId } })).toBe(2);
  });

  it("lets viewers save and read gold snapshots only, outsiders nothing, blind editors none", async () => {
    expect((await save(people.viewer, { name: "All of it", filters: { status: "all" } })).status).toBe(403);
    const gold = await save(people.viewer, { name: "Gold", filters: { labels: "actor" } });
    expect(gold.status).toBe(201);
    const snapshot = (await gold.json()).snapshot;
    expect(snapshot).toMatchObject({ filters: { status: "accepted", labels: ["actor"] }, tagCount: 1 });
    expect(
      jsonlArticles(await bodyText(await download(people.viewer, snapshot.id))).flatMap((article) => article.tags.map((item) => item.id)),
    ).toEqual([ids.actor]);
    expect((await download(people.viewer, first.id)).status).toBe(403);
    expect((await call(diffRoute.GET, { slug }, { token: people.viewer.token, query: { from: first.id, to: snapshot.id } })).status).toBe(
      403,
    );
    expect((await download(people.outsider, snapshot.id)).status).toBe(404);
    expect((await call(snapshotsRoute.GET, { slug }, { token: people.outsider.token })).status).toBe(404);
    await prisma.project.update({ where: { id: projectId }, data: { blindAnnotation: true } });
    try {
      expect((await save(people.editor, { name: "Mine" })).status).toBe(403);
      expect((await call(snapshotsRoute.GET, { slug }, { token: people.editor.token })).status).toBe(403);
      expect((await call(snapshotsRoute.GET, { slug }, { token: people.reviewer.token })).status).toBe(200);
      expect((await download(people.editor, snapshot.id)).status).toBe(403);
      expect((await download(people.reviewer, snapshot.id)).status).toBe(200);
    } finally {
      await prisma.project.update({ where: { id: projectId }, data: { blindAnnotation: false } });
    }
  });
});

describe("snapshot chunks", () => {
  it("cuts the gzip stream into pieces of exactly the chunk size, which join back into it", async () => {
    const stored: Uint8Array[] = [];
    const chunks = gzipChunks(async (chunk) => void stored.push(Buffer.from(chunk)), 1000);
    const text = Array.from(
      { length: 2000 },
      (_, index) => `line ${index} ${createHash("md5").update(String(index)).digest("hex")} 🗳️\n`,
    ).join("");
    const bytes = Buffer.from(text);
    for (let at = 0; at < bytes.length; at += 7000) await chunks.write(bytes.subarray(at, at + 7000));
    const total = await chunks.end();
    expect(stored.length).toBeGreaterThan(3);
    expect(stored.slice(0, -1).every((chunk) => chunk.byteLength === 1000)).toBe(true);
    expect(total).toBe(stored.reduce((sum, chunk) => sum + chunk.byteLength, 0));
    expect(gunzipSync(Buffer.concat(stored)).toString("utf8")).toBe(text);
  });
});
