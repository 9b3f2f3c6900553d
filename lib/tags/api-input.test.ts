import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tagRoute from "@/app/api/annotations/[id]/route";
import * as articleRoute from "@/app/api/articles/[id]/route";
import * as tagsRoute from "@/app/api/articles/[id]/annotations/route";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";
import { call, person, type Person, type Server } from "@/lib/export/test-support";

// An emoji before the words, so that code points and UTF-16 units differ, and one outside the BMP to split;
// a joined emoji (woman, zero-width joiner, laptop) and a letter with a combining accent that has no
// precomposed form (ọ̀, which NFC keeps as two code points): one character each to a reader.
const TEXT = "🌊 “We counted 1,219 ballots,” said Ana Ruiz — the clerk. 👩‍💻 Adébáyọ̀ wrote it.";
const utf16 = (words: string) => ({ start: TEXT.indexOf(words), end: TEXT.indexOf(words) + words.length });
const codePoints = (words: string) => {
  const start = [...TEXT.slice(0, TEXT.indexOf(words))].length;
  return { start, end: start + [...words].length };
};

let server: Server;
let editor: Person;
let colleague: Person;
let owner: Person;
let viewer: Person;
let article: string;
let elsewhere: string;
let actorElsewhere: string;
let slug: string;

const post = (body: unknown, query: Record<string, string> = {}, who = editor, id = article) =>
  call(tagsRoute.POST, { id }, { token: who.token, body, query });
const tagsOf = async (id = article) =>
  (
    (await (await call(tagsRoute.GET, { id }, { token: editor.token, query: { offsetUnit: "utf16" } })).json()) as {
      annotations: { id: string; start: number; end: number; text: string; label: string }[];
    }
  ).annotations;
const textOf = async (id = article) =>
  ((await (await call(articleRoute.GET, { id }, { token: editor.token })).json()) as { article: { text: string } }).article.text;

beforeAll(async () => {
  server = await startCollabServer();
  editor = await person("Editor");
  colleague = await person("Colleague");
  owner = await person("Owner");
  viewer = await person("Viewer");
  ({ slug } = await createProjectWith({ owner: [owner], editor: [editor, colleague], viewer: [viewer] }));
  article = (await createArticle(slug, { title: "Count", text: TEXT })).id;
  elsewhere = (await createArticle(slug, { title: "Elsewhere", text: "Li Wei chairs the council." })).id;
  const created = await post({ label: "actor", start: 0, end: 6 }, {}, editor, elsewhere);
  expect(created.status).toBe(201);
  actorElsewhere = ((await created.json()) as { annotation: { id: string } }).annotation.id;
});

afterAll(async () => {
  await server.close();
});

describe("the annotations API refuses bad input with a 400 that says what is wrong, and writes nothing", () => {
  const cases: [string, unknown, Record<string, string>, RegExp][] = [
    ["an unknown label", { label: "person", ...codePoints("Ana Ruiz") }, {}, /label/],
    ["start equal to end", { label: "actor", start: 5, end: 5 }, {}, /end must be greater than start/],
    ["a negative start", { label: "actor", start: -1, end: 5 }, {}, /start/],
    ["an end past the text (code points)", { label: "actor", start: 2, end: 500 }, {}, /outside the text/],
    [
      "an end past the text (UTF-16)",
      { label: "actor", start: 2, end: 500 },
      { offsetUnit: "utf16" },
      /end: offset 500 is outside the text \(\d+ UTF-16 code units\)/,
    ],
    ["an end just past the text (UTF-16)", { label: "actor", start: 2, end: TEXT.length + 1 }, { offsetUnit: "utf16" }, /outside the text/],
    [
      "a start past the text (UTF-16)",
      { label: "actor", start: 500, end: 501 },
      { offsetUnit: "utf16" },
      /start: offset 500 is outside the text/,
    ],
    [
      "an offset between the halves of an emoji (UTF-16)",
      { label: "actor", start: 1, end: 6 },
      { offsetUnit: "utf16" },
      /start: offset 1 falls inside a character/,
    ],
    [
      "an end between an emoji and its zero-width joiner (code points)",
      { label: "actor", start: codePoints("👩").start, end: codePoints("👩").end },
      {},
      /end: offset \d+ splits the character "👩‍💻" \(U\+1F469 U\+200D U\+1F4BB\), which is one character to a reader: use \d+ or \d+/,
    ],
    [
      "a start between a letter and its combining accent (UTF-16)",
      { label: "actor", start: TEXT.indexOf("\u0300"), end: TEXT.indexOf(" wrote") },
      { offsetUnit: "utf16" },
      /start: offset \d+ splits the character "ọ̀"/,
    ],
    [
      "an end between a letter and its combining accent (code points)",
      { label: "actor", start: codePoints("Adébáyọ").start, end: codePoints("Adébáyọ").end },
      {},
      /end: offset \d+ splits the character "ọ̀"/,
    ],
    ["a span of spaces only", { label: "actor", ...utf16(" ") }, { offsetUnit: "utf16" }, /cover no words/],
    ["attributes of the wrong shape", { label: "figure", ...codePoints("1,219"), attributes: { value: "lots" } }, {}, /attributes\.value/],
    ["an attribute another label has", { label: "actor", ...codePoints("Ana Ruiz"), attributes: { speakerId: "x" } }, {}, /attributes/],
    [
      "a speaker in another article",
      { label: "quote", ...codePoints("“We counted 1,219 ballots,”"), attributes: { speakerId: "ELSEWHERE" } },
      {},
      /attributes\.speakerId: no actor tag/,
    ],
  ];

  it.each(cases)("%s", async (_what, body, query, message) => {
    // The other article's actor exists only once beforeAll has run.
    const resolved = JSON.parse(JSON.stringify(body).replace('"ELSEWHERE"', JSON.stringify(actorElsewhere)));
    const response = await post(resolved, query);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
    expect(await tagsOf()).toEqual([]);
    expect(await textOf()).toBe(TEXT);
  });

  it("moving a tag to bad offsets is refused the same way and leaves it where it was", async () => {
    const created = await post({ label: "actor", ...utf16("Ana Ruiz") }, { offsetUnit: "utf16" });
    expect(created.status).toBe(201);
    const { id } = ((await created.json()) as { annotation: { id: string } }).annotation;
    for (const [span, message] of [
      [{ start: 3, end: 5000 }, /end: offset 5000 is outside the text/],
      [{ start: 0, end: 1 }, /end: offset 1 falls inside a character/],
    ] as const) {
      const response = await call(
        tagRoute.PATCH,
        { id },
        { token: editor.token, method: "PATCH", body: span, query: { offsetUnit: "utf16" } },
      );
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
    expect(await tagsOf()).toEqual([expect.objectContaining({ id, ...utf16("Ana Ruiz"), text: "Ana Ruiz" })]);
    expect(await textOf()).toBe(TEXT);
    // Good UTF-16 offsets still work, and come back exact.
    const moved = await call(
      tagRoute.PATCH,
      { id },
      { token: editor.token, method: "PATCH", body: utf16("Ana"), query: { offsetUnit: "utf16" } },
    );
    expect(moved.status).toBe(200);
    expect(await tagsOf()).toEqual([expect.objectContaining({ id, ...utf16("Ana"), text: "Ana" })]);
  });

  it("whole characters are tagged as asked: a joined emoji and a letter with its combining accent", async () => {
    // An article of its own: the tests around count this article's tags.
    const own = (await createArticle(slug, { title: "Characters", text: `${TEXT} Again.` })).id;
    for (const words of ["👩‍💻", "Adébáyọ̀"]) {
      const response = await post({ label: "actor", ...codePoints(words) }, {}, editor, own);
      expect(response.status).toBe(201);
      expect(((await response.json()) as { annotation: { text: string } }).annotation.text).toBe(words);
    }
  });

  it("refuses a viewer (403), and writes nothing", async () => {
    const response = await post({ label: "actor", ...codePoints("Ana") }, {}, viewer);
    expect(response.status).toBe(403);
    expect((await tagsOf()).map((tag) => tag.text)).toEqual(["Ana"]);
  });
});

describe("who may change a tag through the API", () => {
  it("its author and owners change or delete it; a colleague and a viewer get 403 and change nothing", async () => {
    const created = await post({ label: "actor", ...codePoints("the clerk") });
    expect(created.status).toBe(201);
    const { id } = ((await created.json()) as { annotation: { id: string } }).annotation;
    const patch = (who: Person, body: unknown) => call(tagRoute.PATCH, { id }, { token: who.token, method: "PATCH", body });
    const remove = (who: Person) => call(tagRoute.DELETE, { id }, { token: who.token, method: "DELETE" });
    for (const who of [colleague, viewer]) {
      expect((await patch(who, { label: "claim" })).status).toBe(403);
      expect((await remove(who)).status).toBe(403);
    }
    expect((await tagsOf()).find((tag) => tag.id === id)).toMatchObject({ label: "actor", text: "the clerk" });
    expect((await patch(editor, { note: "The county clerk" })).status).toBe(200);
    expect((await patch(owner, { label: "claim" })).status).toBe(200);
    expect((await tagsOf()).find((tag) => tag.id === id)).toMatchObject({ label: "claim" });
    expect((await remove(owner)).status).toBeLessThan(300);
    expect((await tagsOf()).find((tag) => tag.id === id)).toBeUndefined();
  });
});
