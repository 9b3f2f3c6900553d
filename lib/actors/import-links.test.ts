/**
 * Imported actor tags find their records in the project they are imported into: records made for canonical
 * names the project lacks, words linked by the registry's rule, and record ids from another project dropped.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import * as projectExport from "@/app/api/projects/[slug]/export/route";
import * as datasetImport from "@/app/api/projects/[slug]/imports/dataset/route";
import { prisma } from "@/lib/db/prisma";
import { bodyText, call, person, tag, type Person, type Server } from "@/lib/export/test-support";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";

const TEXT = "“It is over,” said Ana Ruiz — the county clerk 🗳️. Ruiz left at noon; Ms. Ruiz’s deputy stayed.";

let server: Server;
let owner: Person;

beforeAll(async () => {
  server = await startCollabServer();
  owner = await person("Owner");
});

afterAll(async () => {
  await server.close();
});

it("links imported actor tags to records of the project they arrive in", async () => {
  const source = await createProjectWith({ owner: [owner] });
  const articleId = (await createArticle(source.slug, { title: "Count", text: TEXT })).id;
  const full = await tag(server, owner, articleId, TEXT, "actor", "Ana Ruiz", { canonicalName: "Ana Ruiz", kind: "person" });
  await tag(server, owner, articleId, TEXT, "actor", "Ruiz", undefined, 2);
  await tag(server, owner, articleId, TEXT, "quote", "“It is over,”", { speakerId: full });
  const exported = JSON.parse(
    await bodyText(await call(projectExport.GET, { slug: source.slug }, { token: owner.token, query: { format: "json" } })),
  );
  // Whatever the export says of the record, its id is the source project's.
  for (const item of exported.articles[0].tags) if (item.label === "actor") item.attributes.actorId = "another-projects-record";

  const target = await createProjectWith({ owner: [owner] });
  const response = await call(
    datasetImport.POST,
    { slug: target.slug },
    { token: owner.token, body: exported, query: { name: "count.json" } },
  );
  expect(response.status).toBe(200);
  const records = await prisma.actorRecord.findMany({ where: { projectId: target.projectId } });
  expect(records.map((record) => [record.name, record.kind])).toEqual([["Ana Ruiz", "person"]]);
  const actors = await prisma.annotation.findMany({
    where: { article: { projectId: target.projectId }, label: "actor" },
    orderBy: { start: "asc" },
  });
  expect(actors.map((row) => [row.text, (row.attributes as { actorId?: string }).actorId])).toEqual([
    ["Ana Ruiz", records[0]!.id],
    ["Ruiz", records[0]!.id],
  ]);
  // A second import of the same names makes no second record.
  const again = structuredClone(exported);
  again.articles[0].text = `${TEXT} She returned.`;
  again.articles[0].title = "Count again";
  const second = await call(datasetImport.POST, { slug: target.slug }, { token: owner.token, body: again, query: { name: "again.json" } });
  expect((await second.json()).counts.imported).toBe(1);
  expect(await prisma.actorRecord.count({ where: { projectId: target.projectId } })).toBe(1);
});
