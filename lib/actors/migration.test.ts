/**
 * The registry's migration of an existing project: every distinct canonical name becomes a record (its most
 * used spelling the name, the others aliases, the most used kind), each tag is linked in the projection at
 * once, and the live tags document takes the link up when the article next loads, so that nothing rewrites
 * it away. The migration's data part is run here on a project made the way it was before the registry.
 */
import fs from "node:fs";
import path from "node:path";
import * as Y from "yjs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { MIGRATIONS_DIR } from "@/lib/db/migrations";
import { person, tag, type Person, type Server } from "@/lib/export/test-support";
import { readTag } from "@/lib/tags/documents";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";

const TEXT = "Steve Witkoff met Henrik Brandt. Witkoff spoke first; STEVE WITKOFF’s aide, the envoy, took notes.";

let server: Server | null = null;
let editor: Person;

beforeAll(async () => {
  editor = await person("Editor");
});

afterAll(async () => {
  await server?.close();
});

/** The statements of the registry migration after "-- Existing projects": what it does to existing data. */
function migrationDataPart(): string[] {
  const folder = fs.readdirSync(MIGRATIONS_DIR).find((name) => name.endsWith("_actor_registry"))!;
  const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, folder, "migration.sql"), "utf8");
  const part = sql.slice(sql.indexOf("-- Existing projects"));
  return part
    .split(/;\s*\n/)
    .map((statement) => statement.replace(/^\s*--.*$/gm, "").trim())
    .filter(Boolean);
}

it("makes a record of each canonical name, links every tag, and the live document keeps the links", async () => {
  server = await startCollabServer();
  const { slug, projectId } = await createProjectWith({ editor: [editor] });
  const articleId = (await createArticle(slug, { title: "Meeting", text: TEXT })).id;
  // Tagged before the registry: no records, so nothing links them.
  const full = await tag(server, editor, articleId, TEXT, "actor", "Steve Witkoff");
  const shouted = await tag(server, editor, articleId, TEXT, "actor", "STEVE WITKOFF’s");
  const brandt = await tag(server, editor, articleId, TEXT, "actor", "Henrik Brandt");
  await server.close();
  server = null;
  // Their canonical names, as the details form wrote them then (into the projection, which the migration reads).
  const named = { [full]: ["Steve Witkoff", "person"], [shouted]: ["steve witkoff ", "person"], [brandt]: ["Henrik Brandt", null] };
  for (const [id, [canonicalName, kind]] of Object.entries(named))
    await prisma.annotation.update({ where: { id }, data: { attributes: { canonicalName, ...(kind ? { kind } : {}) } } });
  expect(await prisma.actorRecord.count({ where: { projectId } })).toBe(0);

  for (const statement of migrationDataPart()) await prisma.$executeRawUnsafe(statement);

  const records = await prisma.actorRecord.findMany({ where: { projectId }, orderBy: { name: "asc" }, include: { events: true } });
  expect(records.map((record) => [record.name, record.aliases, record.kind])).toEqual([
    ["Henrik Brandt", [], null],
    ["Steve Witkoff", ["steve witkoff"], "person"],
  ]);
  expect(records[1]!.events).toEqual([
    expect.objectContaining({ kind: "migrated", details: { canonicalNames: ["Steve Witkoff", "steve witkoff"], tags: 2 } }),
  ]);
  const witkoff = records[1]!.id;
  const actorIdOf = async (id: string) =>
    ((await prisma.annotation.findUniqueOrThrow({ where: { id } })).attributes as { actorId?: string }).actorId;
  expect(await actorIdOf(full)).toBe(witkoff);
  expect(await actorIdOf(shouted)).toBe(witkoff);
  expect(await actorIdOf(brandt)).toBe(records[0]!.id);

  // The article loads again: its tags document takes the links up, so that a surname finds its full name
  // there, and the next store's projection keeps them.
  server = await startCollabServer();
  const surname = await tag(server, editor, articleId, TEXT, "actor", "Witkoff", undefined, 2);
  expect(await actorIdOf(surname)).toBe(witkoff);
  const live = await server.collaboration.openArticle(articleId);
  try {
    expect(readTag(live.tags as Y.Doc, full)?.attributes.actorId).toBe(witkoff);
  } finally {
    await live.close();
  }
  await server.close();
  server = null;
  expect(await actorIdOf(full)).toBe(witkoff);
  expect(await actorIdOf(brandt)).toBe(records[0]!.id);
  expect(await prisma.actorLinkAdoption.count({ where: { articleId } })).toBe(0);
});
