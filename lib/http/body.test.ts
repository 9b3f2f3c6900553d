import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { streamedUpload } from "@/lib/testing/streamed-upload";
import { jsonFile, multipartFiles, readJson } from "./body";

const MB = 1024 * 1024;
const url = "http://margin.test/api/route";

/** The AppError a read fails with, as code, message and field. */
async function refusal(read: Promise<unknown>) {
  const error = await read.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, message: error.message, field: error.field };
}

/** A body streamed in chunks (after `opening`), without Content-Length, as a chunked upload arrives. */
function streamed(bytes: number, opening = ""): ReadableStream<Uint8Array> {
  let left = bytes;
  return new ReadableStream({
    start(controller) {
      if (opening) controller.enqueue(new TextEncoder().encode(opening));
    },
    pull(controller) {
      if (left <= 0) return controller.close();
      const chunk = new Uint8Array(Math.min(left, 256 * 1024)).fill(0x61);
      left -= chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

describe("readJson", () => {
  it("reads a JSON body, and refuses another type, invalid JSON and more than 6 MB, naming the body", async () => {
    const post = (body: BodyInit, type = "application/json") =>
      new Request(url, { method: "POST", headers: { "content-type": type }, body, duplex: "half" } as RequestInit);
    expect(await readJson(post('{"a":1}', "Application/JSON; charset=utf-8"))).toEqual({ a: 1 });
    expect(await refusal(readJson(post("a=1", "application/x-www-form-urlencoded")))).toEqual({
      code: "bad_request",
      message: "Send the body as JSON with Content-Type: application/json",
      field: "body",
    });
    expect(await refusal(readJson(post("{")))).toEqual({ code: "bad_request", message: "Body must be valid JSON", field: "body" });
    expect(await refusal(readJson(post(streamed(7 * MB))))).toEqual({
      code: "bad_request",
      message: "Body must be at most 6 MB",
      field: "body",
    });
  });
});

describe("readJson and text PostgreSQL cannot store", () => {
  const post = (json: string) =>
    new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: json, duplex: "half" } as RequestInit);
  const refused = (field: string) => ({
    code: "bad_request",
    message: `${field} holds a NUL character or an unpaired surrogate, which cannot be stored`,
    field,
  });

  it("refuses NUL and lone surrogates anywhere in the body, naming the path of the first", async () => {
    expect(await refusal(readJson(post('{"label":"actor","note":"the clerk\\u0000"}')))).toEqual(refused("note"));
    expect(await refusal(readJson(post('{"annotations":[{"note":"ok"},{},{"note":"half \\ud83c"}]}')))).toEqual(
      refused("annotations.2.note"),
    );
    expect(await refusal(readJson(post('{"attributes":{"role":"\\udf0a"}}')))).toEqual(refused("attributes.role"));
    expect(await refusal(readJson(post('{"attributes":{"speaker\\u0000":"x"}}')))).toEqual(refused('attributes."speaker\\u0000"'));
    expect(await refusal(readJson(post('[["ok"],["ok","\\u0000"]]')))).toEqual(refused("1.1"));
    expect(await refusal(readJson(post('"\\u0000"')))).toEqual(refused("body"));
  });

  it("reads what people write: emoji, raw or escaped as a pair, curly quotes, dashes", async () => {
    const note = "🌊 “We counted 1,219 ballots,” she said — it’s… done";
    expect(await readJson(post(`{"note":"${note}","emoji":"\\ud83c\\udf0a"}`))).toEqual({ note, emoji: "🌊" });
  });
});

describe("jsonFile", () => {
  const dataset = jsonFile({
    maxBytes: () => 2 * MB,
    field: "file",
    typeMessage: "Send the dataset with Content-Type: application/json",
    invalidMessage: "The file is not valid JSON",
    description: "A dataset",
    schema: { $ref: "/api/export/schema" },
    items: { key: "articles", max: () => 3, tooMany: (max) => `A dataset holds at most ${max} articles` },
    head: ["format"],
  });
  const post = (body: BodyInit, type = "application/json") =>
    new Request(url, { method: "POST", headers: { "content-type": type }, body, duplex: "half" } as RequestInit);
  /** The document as a handler sees it once opened: its kept fields, its count and its elements. */
  const opened = async (request: Request) =>
    (await dataset.read(request)).open(async (document) => {
      const items: unknown[] = [];
      for await (const item of document.items()) items.push(item);
      return { head: document.head, count: document.count, items };
    });

  it("reads the array element by element, keeps the named fields, and drops the others unread", async () => {
    const articles = [{ text: "a\nb", tags: [{ id: "t", attributes: { n: 1.5, ok: true, none: null } }] }, 2, "three"];
    expect(await opened(post(JSON.stringify({ articles, format: "margin-dataset", project: { slug: "x" } })))).toEqual({
      head: { format: "margin-dataset", articles: [] },
      count: 3,
      items: articles,
    });
    expect(await opened(post('\ufeff { "articles" : [ ] }\n'))).toEqual({ head: { articles: [] }, count: 0, items: [] });
    // Not a dataset, but valid JSON: the document's own check says what is wrong.
    expect(await opened(post("[1, 2]"))).toEqual({ head: null, count: 0, items: [] });
    expect(await opened(post('"text"'))).toEqual({ head: null, count: 0, items: [] });
    expect(await opened(post('{"articles":{"a":[1]},"format":7}'))).toEqual({ head: { articles: null, format: 7 }, count: 0, items: [] });
  });

  it("refuses another type, invalid JSON, a body over its limit and an array over its own, naming the file", async () => {
    expect(await refusal(dataset.read(post("{}", "text/plain")))).toEqual({
      code: "bad_request",
      message: "Send the dataset with Content-Type: application/json",
      field: "file",
    });
    for (const body of [
      "",
      "[1,",
      "{",
      '{"articles":[1,]}',
      '{"articles":[1] "format":2}',
      '{"a":1}x',
      '{"a":}',
      '{"articles":[{"a" 1}]}',
      "nul",
    ]) {
      expect(await refusal(opened(post(body))), body).toEqual({
        code: "bad_request",
        message: "The file is not valid JSON",
        field: "file",
      });
    }
    expect(await refusal(opened(post(streamed(3 * MB, '{"articles":["'))))).toEqual({
      code: "bad_request",
      message: "Body must be at most 2 MB",
      field: "file",
    });
    expect(await refusal(opened(post('{"articles":[{},{},{},{}]}')))).toEqual({
      code: "bad_request",
      message: "A dataset holds at most 3 articles",
      field: "file",
    });
    expect(await refusal(opened(post(`{"articles":[{},${"[".repeat(100_000)}${"]".repeat(100_000)}]}`)))).toEqual({
      code: "bad_request",
      message: "articles.1 nests values more than 100 levels deep",
      field: "articles.1",
    });
    expect(await refusal(opened(post(`{"labels":${'{"a":'.repeat(101)}1${"}".repeat(101)}}`)))).toMatchObject({ field: "labels" });
    expect(await refusal(opened(post('{"articles":[],"articles":[]}')))).toEqual({
      code: "bad_request",
      message: "articles appears twice",
      field: "file",
    });
  });

  it("refuses text PostgreSQL cannot store in what it reads, naming its path, before handing over any element", async () => {
    let handed = false;
    const refused = (await dataset.read(post('{"articles":[{"text":"ok"},{"text":"a\\u0000"}]}'))).open(async () => (handed = true));
    expect(await refusal(refused)).toEqual({
      code: "bad_request",
      message: "articles.1.text holds a NUL character or an unpaired surrogate, which cannot be stored",
      field: "articles.1.text",
    });
    expect(handed).toBe(false);
    expect(await refusal(opened(post('{"format":{"name":"\\ud83c"},"articles":[]}')))).toMatchObject({ field: "format.name" });
    // A field that is dropped is checked all the same, as it is read, as every JSON body is.
    expect(await refusal(opened(post('{"labels":[{"name":"a"},{"description":"x\\ud800"}],"articles":[]}')))).toMatchObject({
      field: "labels.1.description",
    });
    expect(await refusal(opened(post('{"labels":{"odd key":{"\\u0000":1}},"articles":[]}')))).toMatchObject({
      field: 'labels."odd key"."\\u0000"',
    });
    expect(await refusal(opened(post('{"\\u0000":1}')))).toMatchObject({ field: '"\\u0000"' });
    expect(await refusal(opened(post('["ok",["\\u0000"]]')))).toMatchObject({ field: "1.0" });
    expect(await refusal(opened(post('"\\u0000"')))).toMatchObject({ field: "body" });
  });

  it("reads a large array as it arrives, giving way to other work as it goes", async () => {
    const large = jsonFile({
      maxBytes: () => 100 * MB,
      field: "file",
      typeMessage: "",
      invalidMessage: "invalid",
      description: "",
      schema: {},
      items: { key: "articles", max: () => 1_000_000, tooMany: () => "too many" },
      head: [],
    });
    // 300,000 elements, made as they are pulled: never a string of the whole. (Their memory stays that of one
    // element: `npm run bench:import-dataset` measures it.)
    let left = 300_000;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"articles":['));
      },
      pull(controller) {
        const batch = Math.min(left, 20_000);
        left -= batch;
        const part = Array.from({ length: batch }, (_, index) => `{"n":${left + index}}`).join(",");
        controller.enqueue(new TextEncoder().encode(left ? `${part},` : `${part}]}`));
        if (!left) controller.close();
      },
    });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    try {
      const read = await (
        await large.read(post(body))
      ).open(async (document) => {
        let seen = 0;
        for await (const item of document.items()) if ((item as { n: number }).n >= 0) seen++;
        return { count: document.count, seen };
      });
      expect(read).toEqual({ count: 300_000, seen: 300_000 });
    } finally {
      clearInterval(ticker);
    }
    // A timer due every millisecond ran throughout (parsed in one go, it would have run once or twice).
    expect(ticks).toBeGreaterThan(20);
  }, 20_000);

  it("is described by the schema it was given", () => {
    expect(dataset.describe()).toEqual({
      description: "A dataset",
      content: { "application/json": { schema: { $ref: "/api/export/schema" } } },
    });
  });
});

describe("multipartFiles", () => {
  const uploads = multipartFiles({
    field: "file",
    maxFiles: 2,
    maxFileBytes: () => MB,
    fields: z.object({
      keepArtifacts: z
        .string()
        .optional()
        .transform((value) => value === "true"),
    }),
    description: "Files",
  });
  /**
   * A browser's form as bytes: cancelling the body of a Request made from a FormData, as a refused upload
   * does, trips undici ("already closed") when its last chunk is on its way.
   */
  const form = async (...entries: [string, string | File][]) => {
    const data = new FormData();
    for (const [name, value] of entries) data.append(name, value);
    const sent = new Response(data);
    return new Request(url, {
      method: "POST",
      headers: { "content-type": sent.headers.get("content-type")! },
      body: await sent.arrayBuffer(),
    });
  };
  const file = (name: string, bytes = 10) => new File([new Uint8Array(bytes).fill(0x61)], name);

  it("reads the files of the field and the text fields beside them", async () => {
    const read = await uploads.read(await form(["file", file("a.txt")], ["file", file("b.md")], ["keepArtifacts", "true"]));
    expect(read.files.map((entry) => entry.name)).toEqual(["a.txt", "b.md"]);
    expect(read.fields).toEqual({ keepArtifacts: true });
    // Like form.get(): the first value counts, and a file where text was expected counts as nothing.
    expect((await uploads.read(await form(["file", file("a.txt")], ["keepArtifacts", "false"], ["keepArtifacts", "true"]))).fields).toEqual(
      {
        keepArtifacts: false,
      },
    );
    expect((await uploads.read(await form(["file", file("a.txt")], ["keepArtifacts", file("true")]))).fields).toEqual({
      keepArtifacts: false,
    });
  });

  it("takes a text field with an empty name like any other (the body fuzz found it was a 500)", async () => {
    const read = await uploads.read(await form(["file", file("a.txt")], ["", "v"], ["keepArtifacts", "true"]));
    expect(read.files.map((entry) => entry.name)).toEqual(["a.txt"]);
    expect(read.fields).toEqual({ keepArtifacts: true });
  });

  it("refuses another type, no file, too many files, and a body over the limit whether announced or streamed", async () => {
    const field = "file";
    expect(
      await refusal(uploads.read(new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }))),
    ).toEqual({
      code: "bad_request",
      message: "Send files as multipart/form-data in the field `file`",
      field,
    });
    expect(await refusal(uploads.read(await form(["keepArtifacts", "true"])))).toEqual({
      code: "bad_request",
      message: "Attach at least one file in the field `file`",
      field,
    });
    expect(await refusal(uploads.read(await form(["file", file("a")], ["file", file("b")], ["file", file("c")])))).toEqual({
      code: "bad_request",
      message: "Upload at most 2 files at once",
      field,
    });
    const multipart = { "content-type": "multipart/form-data; boundary=x" };
    const announced = new Request(url, { method: "POST", headers: { ...multipart, "content-length": String(4 * MB) }, body: "--x--" });
    expect(await refusal(uploads.read(announced))).toEqual({
      code: "bad_request",
      message: "Upload at most 2 files of 1 MB at once",
      field,
    });
    const chunked = new Request(url, { method: "POST", headers: multipart, body: streamed(4 * MB), duplex: "half" } as RequestInit);
    expect(await refusal(uploads.read(chunked))).toEqual({ code: "bad_request", message: "Body must be at most 3 MB", field });
    const garbled = new Request(url, { method: "POST", headers: multipart, body: "not multipart" });
    expect(await refusal(uploads.read(garbled))).toEqual({
      code: "bad_request",
      message: "The body is not valid multipart/form-data",
      field,
    });
  });

  it("refuses a file over its limit, and text over its own, while the body arrives", async () => {
    // 50 files of 1 MB may make a 51 MB body: the file's own limit stops the reading long before.
    const many = multipartFiles({ field: "file", maxFiles: 50, maxFileBytes: () => MB, fields: z.object({}), description: "" });
    const big = streamedUpload({ name: "big.txt", bytes: 40 * MB });
    const request = new Request(url, {
      method: "POST",
      headers: { "content-type": big.contentType },
      body: big.body,
      duplex: "half",
    } as RequestInit);
    expect(await refusal(many.read(request))).toEqual({
      code: "bad_request",
      message: 'Each file must be at most 1 MB: file 1 ("big.txt") is larger',
      field: "file",
    });
    expect(big.pulled()).toBeLessThan(2 * MB);
    // A file of exactly the limit is within it; a file in another field is dropped unread.
    const exact = await many.read(await form(["file", file("a.txt", MB)], ["other", file("b.txt", 3 * MB)]));
    expect(exact.files.map((entry) => [entry.name, entry.size])).toEqual([["a.txt", MB]]);
    expect(await refusal(uploads.read(await form(["file", file("a.txt")], ["note", "x".repeat(MB)])))).toEqual({
      code: "bad_request",
      message: "The form's text fields must be at most 1 MB in all",
      field: "file",
    });
  });

  it("refuses a text field or a file name PostgreSQL cannot store", async () => {
    expect(await refusal(uploads.read(await form(["file", file("a.txt")], ["keepArtifacts", "true\u0000"])))).toEqual({
      code: "bad_request",
      message: "keepArtifacts holds a NUL character or an unpaired surrogate, which cannot be stored",
      field: "keepArtifacts",
    });
    // A NUL cannot even be sent in a part's header: the body is refused as such.
    expect(await refusal(uploads.read(await form(["file", file("a.txt")], ["file", file("b\u0000.txt")])))).toEqual({
      code: "bad_request",
      message: "The body is not valid multipart/form-data: a part's header (its file name?) holds a control character",
      field: "file",
    });
  });

  it("is described as a form with the file field and the text fields", () => {
    expect(uploads.describe()).toEqual({
      description: "Files",
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            properties: {
              file: { type: "array", items: { type: "string", format: "binary" }, maxItems: 2 },
              keepArtifacts: { type: "string" },
            },
            required: ["file"],
          },
        },
      },
    });
  });
});
