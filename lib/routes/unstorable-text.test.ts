/**
 * Text PostgreSQL cannot store (U+0000, a lone surrogate) is refused at the edge with a 400 naming the
 * field: a note holding NUL used to reach the database and fail there with a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tagsRoute from "@/app/api/articles/[id]/annotations/route";
import { prisma } from "@/lib/db/prisma";
import { call, person, type Person, type Server } from "@/lib/export/test-support";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz — the clerk.";
const ANA = { start: [...TEXT.slice(0, TEXT.indexOf("Ana"))].length, end: [...TEXT.slice(0, TEXT.indexOf("Ruiz"))].length + 4 };

let server: Server;
let editor: Person;
let article: string;

const post = (body: unknown, id = article) => call(tagsRoute.POST, { id }, { token: editor.token, body });
const rowsOf = async (id = article) => ({
  annotations: await prisma.annotation.count({ where: { articleId: id } }),
  events: await prisma.annotationEvent.count({ where: { articleId: id } }),
});

beforeAll(async () => {
  server = await startCollabServer();
  editor = await person("Editor");
  const { slug } = await createProjectWith({ editor: [editor] });
  article = (await createArticle(slug, { title: "Count", text: TEXT })).id;
});

afterAll(async () => {
  await server.close();
});

describe("creating an annotation with text PostgreSQL cannot store", () => {
  it("refuses a note holding NUL with a 400 naming `note`, writes nothing, and then takes a valid one", async () => {
    const refused = await post({ label: "actor", ...ANA, note: "the clerk\u0000" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: {
        code: "bad_request",
        message: "note holds a NUL character or an unpaired surrogate, which cannot be stored",
        field: "note",
      },
    });
    expect(await rowsOf()).toEqual({ annotations: 0, events: 0 });

    const created = await post({ label: "actor", ...ANA, note: "the county clerk — “Ana”" });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ annotation: { label: "actor", text: "Ana Ruiz", note: "the county clerk — “Ana”" } });
    expect((await rowsOf()).annotations).toBe(1);
  });

  it("refuses a lone surrogate in an attribute the same way, naming its path", async () => {
    const refused = await post({ label: "actor", ...ANA, attributes: { role: "clerk \uD83C" } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { field: string } }).error.field).toBe("attributes.role");
    expect((await rowsOf()).annotations).toBe(1);
  });

  it("refuses NUL in a path parameter with a 400 naming it, before it is looked up", async () => {
    const refused = await post({ label: "actor", ...ANA }, `${article}\u0000`);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { field: string } }).error.field).toBe("id");
  });
});
