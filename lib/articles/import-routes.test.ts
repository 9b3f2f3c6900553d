import { beforeAll, describe, expect, it } from "vitest";
import * as articlesRoute from "@/app/api/projects/[slug]/articles/route";
import * as importsRoute from "@/app/api/projects/[slug]/imports/route";
import { call, person, type Person } from "@/lib/export/test-support";
import { createProjectWith } from "@/lib/testing/factories";
import { streamedUpload } from "@/lib/testing/streamed-upload";
import { maxFileBytes } from "./import-files";

let slug: string;
let editor: Person;
let viewer: Person;

beforeAll(async () => {
  editor = await person("Editor");
  viewer = await person("Viewer");
  ({ slug } = await createProjectWith({ editor: [editor], viewer: [viewer] }));
});

/** POST …/imports with these form entries, as a browser's upload sends them. */
function upload(who: Person, entries: [string, string | File][]) {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  const request = new Request("http://margin.test/api/route", {
    method: "POST",
    headers: { authorization: `Bearer ${who.token}` },
    body: form,
  });
  return importsRoute.POST(request, { params: Promise.resolve({ slug }) });
}

const file = (name: string, text: string) => new File([text], name);

describe("importing over HTTP", () => {
  it("answers a duplicate with 409, its id inside the error and nothing else", async () => {
    const text = "The harbour reopened on Monday after a week of repairs.";
    const created = await call(articlesRoute.POST, { slug }, { token: editor.token, body: { text, title: "Harbour" } });
    expect(created.status).toBe(201);
    const { article } = (await created.json()) as { article: { id: string } };
    const again = await call(articlesRoute.POST, { slug }, { token: editor.token, body: { text } });
    expect(again.status).toBe(409);
    expect(again.headers.get("cache-control")).toBe("no-store");
    expect(await again.text()).toBe(
      JSON.stringify({
        error: { code: "conflict", message: 'This project already has an article with the same text: "Harbour"', duplicateOf: article.id },
      }),
    );
  });

  it("imports uploaded files, one result per article, keeping furniture when asked", async () => {
    const response = await upload(editor, [
      ["file", file("storm.txt", "Storm warning\n\nBy Kai Lund\n\nWinds reached 140 km/h on the coast overnight.")],
      ["file", file("notes.pdf", "%PDF-1.7")],
      ["keepArtifacts", "true"],
    ]);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { results: unknown[] }).results).toEqual([
      { label: "storm.txt", status: "imported", id: expect.any(String), title: "Storm warning", removedArtifacts: 0 },
      { label: "notes.pdf", status: "failed", error: expect.stringContaining('unsupported file type ".pdf"') },
    ]);
  });

  it("refuses an upload without files, and a viewer's", async () => {
    const empty = await upload(editor, [["keepArtifacts", "true"]]);
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({
      error: { code: "bad_request", message: "Attach at least one file in the field `file`", field: "file" },
    });
    expect((await upload(viewer, [["file", file("a.txt", "A viewer's article.")]])).status).toBe(403);
  });

  it("refuses a file over the limit while it arrives, never reading the rest of a 50 MB upload", async () => {
    const big = streamedUpload({ name: "archive.txt", bytes: 50 * 1024 * 1024 });
    const request = new Request("http://margin.test/api/route", {
      method: "POST",
      headers: { authorization: `Bearer ${editor.token}`, "content-type": big.contentType },
      body: big.body,
      duplex: "half",
    } as RequestInit);
    const response = await importsRoute.POST(request, { params: Promise.resolve({ slug }) });
    expect(response.status).toBe(400);
    const limit = `${Number((maxFileBytes() / 1024 / 1024).toFixed(1))} MB`;
    expect(await response.json()).toEqual({
      error: { code: "bad_request", message: `Each file must be at most ${limit}: file 1 ("archive.txt") is larger`, field: "file" },
    });
    expect(big.pulled()).toBeLessThan(8 * 1024 * 1024);
  });
});
