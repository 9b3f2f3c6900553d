import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as articlesRoute from "@/app/api/projects/[slug]/articles/route";
import * as urlRoute from "@/app/api/projects/[slug]/imports/url/route";
import { prisma } from "@/lib/db/prisma";
import { call, person, type Person } from "@/lib/export/test-support";
import { createProjectWith } from "@/lib/testing/factories";
import { htmlPage, startPageServer, type PageServer } from "@/lib/testing/page-server";

// The page names its canonical address absolutely: it is served from the local server, not from its site.
const page = fs
  .readFileSync(path.join(import.meta.dirname, "fixtures", "news-page.html"), "utf8")
  .replace('href="/2026/03/harbour-wall?ref=home#top"', 'href="https://ledger.example.com/2026/03/harbour-wall?ref=home#top"');
const CANONICAL = "https://ledger.example.com/2026/03/harbour-wall?ref=home";

let pages: PageServer;
let editor: Person;
let viewer: Person;
let allowPrivate: string | undefined;

beforeAll(async () => {
  allowPrivate = process.env.MARGIN_IMPORT_ALLOW_PRIVATE_URLS;
  process.env.MARGIN_IMPORT_ALLOW_PRIVATE_URLS = "1";
  pages = await startPageServer();
  pages.route("/harbour", htmlPage(page));
  editor = await person("Editor");
  viewer = await person("Viewer");
});
afterAll(async () => {
  if (allowPrivate === undefined) delete process.env.MARGIN_IMPORT_ALLOW_PRIVATE_URLS;
  else process.env.MARGIN_IMPORT_ALLOW_PRIVATE_URLS = allowPrivate;
  await pages.close();
});

async function project() {
  return createProjectWith({ editor: [editor], viewer: [viewer] });
}

const importUrl = (slug: string, body: unknown, options: { token?: string; query?: Record<string, string> } = {}) =>
  call(urlRoute.POST, { slug }, { token: editor.token, body, ...options });

describe("POST /api/projects/{slug}/imports/url", () => {
  it("imports the page's article with its metadata, its canonical address and where it was fetched", async () => {
    const { slug, projectId } = await project();
    const response = await importUrl(slug, { url: pages.url("/harbour") });
    expect(response.status).toBe(201);
    const { result } = (await response.json()) as { result: { id: string } };
    expect(result).toEqual({
      label: pages.url("/harbour"),
      status: "imported",
      id: expect.any(String),
      title: "Harbour wall holds as storm surge peaks",
      // The byline paragraph, read into `byline`.
      removedArtifacts: 1,
    });
    const stored = await prisma.article.findUniqueOrThrow({ where: { id: result.id } });
    expect(stored).toMatchObject({
      projectId,
      title: "Harbour wall holds as storm surge peaks",
      byline: "Mara Quint",
      source: "The Coastal Ledger",
      url: CANONICAL,
      publishedAt: new Date("2026-03-12T06:30:00Z"),
      language: "en-GB",
      origin: `url:${pages.url("/harbour")}`,
    });
    expect(stored.text.startsWith("The new flood wall in Port Ellis held on Thursday night")).toBe(true);
    for (const words of ["4.2 metres — the highest", "“Last winter we were bailing by midnight.”", "weekend 🌊, and"]) {
      const start = [...stored.text].join("").indexOf(words);
      expect(stored.text.slice(start, start + words.length)).toBe(words);
    }
    expect(stored.text).not.toMatch(/Related|Advertisement|All rights reserved|Sport/);
  });

  it("answers a duplicate by text, and by the same canonical address however it is spelled", async () => {
    const { slug } = await project();
    // An article that came in by the JSON API, at the same address written differently (case, port, fragment).
    const earlier = await call(
      articlesRoute.POST,
      { slug },
      {
        token: editor.token,
        body: {
          text: "An earlier version of the harbour story.",
          title: "Harbour (first edition)",
          url: "HTTPS://Ledger.Example.com:443/2026/03/harbour-wall?ref=home#comments",
        },
      },
    );
    const { article } = (await earlier.json()) as { article: { id: string } };
    const sameAddress = await importUrl(slug, { url: pages.url("/harbour") });
    expect(sameAddress.status).toBe(200);
    expect(await sameAddress.json()).toEqual({
      result: { label: pages.url("/harbour"), status: "duplicate", id: article.id, title: "Harbour (first edition)", match: "url" },
    });
    // Another query string is another page: it gets in; then the same text is a duplicate by text.
    const { slug: other } = await project();
    pages.route("/harbour-copy", htmlPage(page.replace("harbour-wall?ref=home#top", "harbour-wall?ref=rss")));
    expect((await importUrl(other, { url: pages.url("/harbour") })).status).toBe(201);
    const copy = await importUrl(other, { url: pages.url("/harbour-copy") });
    expect(copy.status).toBe(200);
    // Exactly these fields: no `match`, so by text.
    expect(await copy.json()).toEqual({
      result: {
        label: pages.url("/harbour-copy"),
        status: "duplicate",
        id: expect.any(String),
        title: "Harbour wall holds as storm surge peaks",
      },
    });
  });

  it("lets the caller's metadata win and keeps furniture when asked", async () => {
    const { slug } = await project();
    const response = await importUrl(slug, {
      url: pages.url("/harbour"),
      metadata: { title: "Port Ellis wall", url: "https://ledger.example.com/wall" },
    });
    const { result } = (await response.json()) as { result: { id: string; title: string } };
    expect(result.title).toBe("Port Ellis wall");
    expect(await prisma.article.findUniqueOrThrow({ where: { id: result.id }, select: { url: true } })).toEqual({
      url: "https://ledger.example.com/wall",
    });
  });

  it("previews without storing anything", async () => {
    const { slug, projectId } = await project();
    const response = await importUrl(slug, { url: pages.url("/harbour") }, { query: { preview: "1" } });
    expect(response.status).toBe(200);
    const { preview } = (await response.json()) as {
      preview: {
        detected: { title: string };
        paragraphs: string[];
        artifacts: unknown[];
        result: { ok: boolean; title: string };
        url: string;
      };
    };
    expect(preview.detected.title).toBe("Harbour wall holds as storm surge peaks");
    expect(preview.paragraphs[0]).toBe("By Mara Quint");
    expect(preview.artifacts).toEqual([{ index: 0, text: "By Mara Quint", reason: "byline" }]);
    expect(preview.result).toMatchObject({ ok: true, title: "Harbour wall holds as storm surge peaks" });
    expect(preview.url).toBe(CANONICAL);
    expect(await prisma.article.count({ where: { projectId } })).toBe(0);
  });

  it("maps each failure to a status and a message saying what is wrong, storing nothing", async () => {
    const { slug, projectId } = await project();
    pages.route("/report.pdf", htmlPage("%PDF-1.7", "application/pdf"));
    pages.route("/empty", htmlPage("<html><body><nav><a href='/'>Home</a></nav></body></html>"));
    const expectError = async (body: unknown, status: number, error: Record<string, unknown>) => {
      const response = await importUrl(slug, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(((await response.json()) as { error: unknown }).error).toEqual(error);
    };
    await expectError({ url: "ftp://example.com/x" }, 400, {
      code: "bad_request",
      field: "url",
      message: "could not import: only http and https addresses can be imported, not ftp",
    });
    await expectError({ url: pages.url("/report.pdf") }, 400, {
      code: "bad_request",
      field: "url",
      message: "could not import: the address answers application/pdf, not an HTML page",
    });
    await expectError({ url: pages.url("/empty") }, 422, {
      code: "unprocessable",
      message: expect.stringMatching(/^the page holds no article text/),
    });
    await expectError({ url: pages.url("/gone") }, 502, {
      code: "bad_gateway",
      message: `could not import: ${new URL(pages.origin).host} answered 404 Not Found`,
    });
    await expectError({}, 400, { code: "bad_request", field: "url", message: "url: url is required" });
    process.env.MARGIN_IMPORT_ALLOW_PRIVATE_URLS = "0";
    try {
      await expectError({ url: pages.url("/harbour") }, 400, {
        code: "bad_request",
        field: "url",
        message: "could not import: 127.0.0.1 is a loopback address; only public addresses can be imported",
      });
    } finally {
      process.env.MARGIN_IMPORT_ALLOW_PRIVATE_URLS = "1";
    }
    expect((await importUrl(slug, { url: pages.url("/harbour") }, { token: viewer.token })).status).toBe(403);
    expect(await prisma.article.count({ where: { projectId } })).toBe(0);
  });
});
