/**
 * GET /api/projects/<slug>/actors: the canonical names the editor suggests for new actors. They come from
 * the tags the caller may see, so a blind annotator learns nothing of what colleagues tagged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as actorsRoute from "@/app/api/projects/[slug]/actors/route";
import { authorizeArticle } from "@/lib/auth/project-access";
import { prisma } from "@/lib/db/prisma";
import { call, person, tag, type Person, type Server } from "@/lib/export/test-support";
import { setWorkDone } from "@/lib/review/mutations";
import { actorFor } from "@/lib/testing/actors";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";

const TEXT = "Ana Ruiz, the county clerk, met Li Wei of the council.";

let server: Server;
let first: Person;
let second: Person;
let reviewer: Person;

beforeAll(async () => {
  server = await startCollabServer();
  [first, second, reviewer] = await Promise.all([person("First"), person("Second"), person("Reviewer")]);
});

afterAll(async () => {
  await server.close();
});

const namesFor = async (who: Person, slug: string) =>
  ((await (await call(actorsRoute.GET, { slug }, { token: who.token })).json()) as { actors: { name: string; count: number }[] }).actors;

async function projectWithOneActor(blind: boolean) {
  const { slug, projectId } = await createProjectWith({ editor: [first, second], reviewer: [reviewer] });
  await prisma.project.update({ where: { id: projectId }, data: { blindAnnotation: blind } });
  const articleId = (await createArticle(slug, { title: "Meeting", text: TEXT })).id;
  await tag(server, first, articleId, TEXT, "actor", "Ana Ruiz", { canonicalName: "Ana Ruiz", kind: "person" });
  return { slug, articleId };
}

describe("actor name suggestions", () => {
  it("come from every tag in an ordinary project", async () => {
    const { slug } = await projectWithOneActor(false);
    expect(await namesFor(second, slug)).toEqual([{ name: "Ana Ruiz", kind: "person", count: 1 }]);
  });

  it("hide a colleague's actors from a blind annotator until they are done with the article", async () => {
    const { slug, articleId } = await projectWithOneActor(true);
    expect(await namesFor(first, slug)).toEqual([{ name: "Ana Ruiz", kind: "person", count: 1 }]);
    expect(await namesFor(second, slug)).toEqual([]);
    // Reviewers see everything in a blind project.
    expect(await namesFor(reviewer, slug)).toHaveLength(1);
    const access = await authorizeArticle(await actorFor(second), articleId, "annotations:create");
    if (!access.ok) throw new Error(access.message);
    await setWorkDone(access.value, true);
    expect(await namesFor(second, slug)).toEqual([{ name: "Ana Ruiz", kind: "person", count: 1 }]);
  });
});
