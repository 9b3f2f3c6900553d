import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
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

/** A body streamed in chunks, without Content-Length, as a chunked upload arrives. */
function streamed(bytes: number): ReadableStream<Uint8Array> {
  let left = bytes;
  return new ReadableStream({
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
  });
  const post = (body: BodyInit, type = "application/json") =>
    new Request(url, { method: "POST", headers: { "content-type": type }, body, duplex: "half" } as RequestInit);

  it("reads a document with its own limit and messages, naming the file", async () => {
    expect(await dataset.read(post('{"articles":[]}'))).toEqual({ articles: [] });
    expect(await refusal(dataset.read(post("{}", "text/plain")))).toEqual({
      code: "bad_request",
      message: "Send the dataset with Content-Type: application/json",
      field: "file",
    });
    expect(await refusal(dataset.read(post("[1,")))).toEqual({ code: "bad_request", message: "The file is not valid JSON", field: "file" });
    expect(await refusal(dataset.read(post(streamed(3 * MB))))).toEqual({
      code: "bad_request",
      message: "Body must be at most 2 MB",
      field: "file",
    });
  });

  it("refuses text PostgreSQL cannot store in the document, naming its path", async () => {
    expect(await refusal(dataset.read(post('{"articles":[{"text":"a\\u0000"}]}')))).toEqual({
      code: "bad_request",
      message: "articles.0.text holds a NUL character or an unpaired surrogate, which cannot be stored",
      field: "articles.0.text",
    });
  });

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
  const form = (...entries: [string, string | File][]) => {
    const data = new FormData();
    for (const [name, value] of entries) data.append(name, value);
    return new Request(url, { method: "POST", body: data });
  };
  const file = (name: string, bytes = 10) => new File([new Uint8Array(bytes).fill(0x61)], name);

  it("reads the files of the field and the text fields beside them", async () => {
    const read = await uploads.read(form(["file", file("a.txt")], ["file", file("b.md")], ["keepArtifacts", "true"]));
    expect(read.files.map((entry) => entry.name)).toEqual(["a.txt", "b.md"]);
    expect(read.fields).toEqual({ keepArtifacts: true });
    // Like form.get(): the first value counts, and a file where text was expected counts as nothing.
    expect((await uploads.read(form(["file", file("a.txt")], ["keepArtifacts", "false"], ["keepArtifacts", "true"]))).fields).toEqual({
      keepArtifacts: false,
    });
    expect((await uploads.read(form(["file", file("a.txt")], ["keepArtifacts", file("true")]))).fields).toEqual({ keepArtifacts: false });
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
    expect(await refusal(uploads.read(form(["keepArtifacts", "true"])))).toEqual({
      code: "bad_request",
      message: "Attach at least one file in the field `file`",
      field,
    });
    expect(await refusal(uploads.read(form(["file", file("a")], ["file", file("b")], ["file", file("c")])))).toEqual({
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

  it("refuses a text field or a file name PostgreSQL cannot store", async () => {
    expect(await refusal(uploads.read(form(["file", file("a.txt")], ["keepArtifacts", "true\u0000"])))).toEqual({
      code: "bad_request",
      message: "keepArtifacts holds a NUL character or an unpaired surrogate, which cannot be stored",
      field: "keepArtifacts",
    });
    expect(await refusal(uploads.read(form(["file", file("a.txt")], ["file", file("b\u0000.txt")])))).toEqual({
      code: "bad_request",
      message: "The name of file 2 holds a NUL character or an unpaired surrogate, which cannot be stored",
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
