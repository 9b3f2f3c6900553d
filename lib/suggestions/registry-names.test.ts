/**
 * builtin:known-actors draws on the actor registry: a record's name and aliases (also those of records merged
 * into it) are found in new articles, and accepting one links the tag to the record.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import * as articleSuggestions from "@/app/api/articles/[id]/suggestions/route";
import * as acceptOne from "@/app/api/suggestions/[id]/accept/route";
import * as actorsRoute from "@/app/api/projects/[slug]/actors/route";
import * as mergeRoute from "@/app/api/projects/[slug]/actors/[actorId]/merge/route";
import { prisma } from "@/lib/db/prisma";
import { call, person, type Person, type Server } from "@/lib/export/test-support";
import { callRoute } from "@/lib/testing/api";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";

const TEXT = "The U.S. special envoy — “no deal yet” — met S. Witkoff’s aides 🤝 in Doha.";

let server: Server;
let owner: Person;

beforeAll(async () => {
  server = await startCollabServer();
  owner = await person("Owner");
});

afterAll(async () => {
  await server.close();
});

it("suggests a record's aliases and merged names, and links the accepted tag to the record", async () => {
  const { slug } = await createProjectWith({ owner: [owner] });
  const record = async (body: Record<string, unknown>) =>
    (await callRoute(actorsRoute.POST, { params: { slug }, token: owner.token, body })).body.actor;
  const witkoff = await record({ name: "Steve Witkoff", kind: "person", aliases: ["The U.S. special envoy"] });
  const initial = await record({ name: "S. Witkoff" });
  await callRoute(mergeRoute.POST, { params: { slug, actorId: initial.id }, token: owner.token, body: { into: witkoff.id } });
  const article = (await createArticle(slug, { title: "Doha", text: TEXT })).id;
  const response = await call(
    articleSuggestions.POST,
    { id: article },
    { token: owner.token, body: { suggesters: ["builtin:known-actors"] } },
  );
  const { suggestions } = (await response.json()) as { suggestions: { id: string; text: string; attributes: Record<string, unknown> }[] };
  expect(suggestions.map((item) => [item.text, item.attributes.canonicalName])).toEqual([
    ["The U.S. special envoy", "Steve Witkoff"],
    ["S. Witkoff", "Steve Witkoff"],
  ]);
  expect((await call(acceptOne.POST, { id: suggestions[1]!.id }, { token: owner.token, body: {} })).status).toBe(201);
  const tag = await prisma.annotation.findFirstOrThrow({ where: { articleId: article, label: "actor" } });
  expect(tag.text).toBe("S. Witkoff");
  expect((tag.attributes as { actorId?: string }).actorId).toBe(witkoff.id);
});
